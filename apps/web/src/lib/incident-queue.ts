import type { IncidentDto } from '@dispatch/contracts';
import { isAwaitingDispatch, isIncidentOnBoard } from '@dispatch/domain';

/** Shown in the dispatcher's queue and on the wall: open, or resolved and awaiting close. */
export function isOnBoard(incident: IncidentDto): boolean {
  return isIncidentOnBoard(incident.status);
}

/** Calls awaiting dispatch, then those in progress, then those resolved and awaiting close. */
function stage(incident: IncidentDto): number {
  if (isAwaitingDispatch(incident.status)) return 0;
  return incident.status === 'resolved' ? 2 : 1;
}

/**
 * Queue order: calls nobody was sent to yet first, then those in progress, then the resolved
 * ones; within each the most urgent priority first, then the oldest call (it has waited
 * longest), then the incident number so equal rows never swap places between renders.
 */
export function compareQueue(a: IncidentDto, b: IncidentDto): number {
  return (
    stage(a) - stage(b) ||
    a.priority - b.priority ||
    Date.parse(a.receivedAt) - Date.parse(b.receivedAt) ||
    a.number.localeCompare(b.number)
  );
}

/** Incidents on the board in queue order. */
export function queueOf(incidents: Iterable<IncidentDto>): IncidentDto[] {
  return [...incidents].filter(isOnBoard).sort(compareQueue);
}
