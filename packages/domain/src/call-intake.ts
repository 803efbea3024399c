/**
 * When a call may say it was received. The intake may start the clocks before the record was
 * typed (a call taken on paper during an outage), but only shortly before: older calls come in
 * through the past-calls import, never as live incidents whose clocks would start breached.
 */
import { domainError } from './errors.js';
import { err, ok, type Result } from './result.js';

/**
 * How far back a new incident's `receivedAt` may lie: 30 minutes. The console sends the moment
 * the call was picked up, and a caller kept on the line (a domestic violence call, a caller
 * following a suspect) can take well over 10 minutes before the record is saved; refusing it then
 * would lose the call. Anything older is a past call: the import, not the live intake.
 */
export const MAX_RECEIVED_AT_BACKDATE_SECONDS = 30 * 60;
/** Clock skew tolerated between the intake terminal and the server. */
export const RECEIVED_AT_SKEW_SECONDS = 5;

/** The `receivedAt` (epoch ms) of a new incident: `now` when not given, else within the window. */
export function checkReceivedAt(given: number | undefined, now: number): Result<number> {
  if (given === undefined) return ok(now);
  if (!Number.isFinite(given)) {
    return err(domainError('VALIDATION_FAILED', 'receivedAt is not a time', { field: 'body.receivedAt' }));
  }
  if (given > now + RECEIVED_AT_SKEW_SECONDS * 1000) {
    return err(domainError('VALIDATION_FAILED', 'receivedAt is in the future', { field: 'body.receivedAt' }));
  }
  if (given < now - MAX_RECEIVED_AT_BACKDATE_SECONDS * 1000) {
    return err(
      domainError(
        'VALIDATION_FAILED',
        `receivedAt is more than ${MAX_RECEIVED_AT_BACKDATE_SECONDS / 60} minutes ago; import past calls instead`,
        { field: 'body.receivedAt', maxBackdateSeconds: MAX_RECEIVED_AT_BACKDATE_SECONDS },
      ),
    );
  }
  return ok(given);
}
