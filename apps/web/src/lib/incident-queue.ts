import type { IncidentDto } from '@dispatch/contracts';
import { isIncidentOnBoard } from '@dispatch/domain';

/** Shown in the dispatcher's queue and on the wall: open, or resolved and awaiting close. */
export function isOnBoard(incident: IncidentDto): boolean {
  return isIncidentOnBoard(incident.status);
}

/**
 * Queue order: most urgent priority first, then the oldest call (it has waited longest), then
 * the incident number so equal rows never swap places between renders.
 */
export function compareQueue(a: IncidentDto, b: IncidentDto): number {
  return (
    a.priority - b.priority ||
    Date.parse(a.receivedAt) - Date.parse(b.receivedAt) ||
    a.number.localeCompare(b.number)
  );
}

/** Incidents on the board in queue order. */
export function queueOf(incidents: Iterable<IncidentDto>): IncidentDto[] {
  return [...incidents].filter(isOnBoard).sort(compareQueue);
}
