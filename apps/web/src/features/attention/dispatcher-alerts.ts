/**
 * What the dispatcher and the wall should hear about, as a pure step over the incident list:
 * a new priority-1 call, a 1-3-5 clock that just breached (the domain's detectNewBreaches), and
 * an assignment no unit has answered for a minute. Each fact sounds once; what was already on
 * the board when the screen opened does not.
 */
import type { IncidentDto } from '@dispatch/contracts';
import { detectNewBreaches, type ClockTargets, type ResponseClocks } from '@dispatch/domain';
import { incidentClocks } from '../../lib/incident-clocks.js';
import { isOnBoard } from '../../lib/incident-queue.js';
import type { ToneKind } from './attention-output.js';

/** An assignment still `assigned` this long after it was sent counts as unanswered. */
export const UNANSWERED_SECONDS = 60;

export interface AlertMemory {
  incidents: ReadonlySet<string>;
  clocks: ReadonlyMap<string, ResponseClocks>;
  unanswered: ReadonlySet<string>;
}

export function dispatcherAlerts(
  memory: AlertMemory | null,
  incidents: readonly IncidentDto[],
  now: number,
  targets: ClockTargets,
): { alerts: ToneKind[]; memory: AlertMemory } {
  const alerts = new Set<ToneKind>();
  const seen = new Set<string>();
  const clocks = new Map<string, ResponseClocks>();
  const unanswered = new Set<string>();
  for (const incident of incidents) {
    if (!isOnBoard(incident)) continue;
    seen.add(incident.id);
    const current = incidentClocks(incident, now, targets);
    clocks.set(incident.id, current);
    const known = memory?.incidents.has(incident.id) ?? true;
    if (!known && incident.priority === 1) alerts.add('priority1');
    if (memory && detectNewBreaches(memory.clocks.get(incident.id) ?? null, current).length > 0) {
      // A call first seen already late (a reload) is not news; one that just went late is.
      if (known) alerts.add('breach');
    }
    for (const a of incident.assignments) {
      if (a.status !== 'assigned' || now - Date.parse(a.assignedAt) < UNANSWERED_SECONDS * 1000) continue;
      unanswered.add(a.id);
      if (memory && !memory.unanswered.has(a.id)) alerts.add('unanswered');
    }
  }
  return { alerts: [...alerts], memory: { incidents: seen, clocks, unanswered } };
}
