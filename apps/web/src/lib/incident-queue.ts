import type { IncidentDto } from '@dispatch/contracts';
import type { IncidentStatus } from '@dispatch/domain';

/** Statuses shown in the dispatcher's queue: everything not yet closed or cancelled. */
export const QUEUE_STATUSES: readonly IncidentStatus[] = [
  'received',
  'dispatched',
  'en_route',
  'on_scene',
  'resolved',
];

export function isOpen(incident: IncidentDto): boolean {
  return (QUEUE_STATUSES as readonly string[]).includes(incident.status);
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

/** Open incidents in queue order. */
export function queueOf(incidents: Iterable<IncidentDto>): IncidentDto[] {
  return [...incidents].filter(isOpen).sort(compareQueue);
}
