/** Bridges incident rows (Dates) and the domain's milestone/status rules (epoch ms). */
import {
  applyMilestones,
  attendsScene,
  deriveIncidentStatus,
  type IncidentMilestones,
  type MilestoneEvent,
} from '@dispatch/domain';
import type { Assignment, Incident } from '../generated/prisma/client.js';

const ms = (d: Date | null) => (d ? d.getTime() : null);
const date = (n: number | null) => (n === null ? null : new Date(n));

export function milestonesOf(incident: Incident): IncidentMilestones {
  return {
    receivedAt: incident.receivedAt.getTime(),
    firstDispatchedAt: ms(incident.firstDispatchedAt),
    firstEnRouteAt: ms(incident.firstEnRouteAt),
    firstOnSceneAt: ms(incident.firstOnSceneAt),
    resolvedAt: ms(incident.resolvedAt),
    closedAt: ms(incident.closedAt),
  };
}

/**
 * The incident columns to write after `events` happened at `at` and the incident's assignments
 * are now `assignments`: milestones first-set-wins, status following the most advanced unit, and
 * `reinforcedAt` once the plan's required number of distinct units have been on scene.
 */
export function progressUpdate(
  incident: Incident,
  assignments: readonly Pick<Assignment, 'unitId' | 'status' | 'onSceneAt' | 'role'>[],
  events: readonly MilestoneEvent[],
  at: number,
) {
  let m = milestonesOf(incident);
  for (const event of events) m = applyMilestones(m, event, at);
  const status = deriveIncidentStatus(incident, assignments);
  let reinforcedAt = incident.reinforcedAt;
  if (!reinforcedAt && incident.requiredUnits > 1) {
    const arrivals = new Map<string, number>();
    for (const a of assignments) {
      if (!a.onSceneAt || !attendsScene(a)) continue;
      const t = a.onSceneAt.getTime();
      arrivals.set(a.unitId, Math.min(arrivals.get(a.unitId) ?? Infinity, t));
    }
    const sorted = [...arrivals.values()].sort((x, y) => x - y);
    const nth = sorted[incident.requiredUnits - 1];
    if (nth !== undefined) reinforcedAt = new Date(nth);
  }
  return {
    status,
    firstDispatchedAt: date(m.firstDispatchedAt),
    firstEnRouteAt: date(m.firstEnRouteAt),
    firstOnSceneAt: date(m.firstOnSceneAt),
    resolvedAt: date(m.resolvedAt),
    closedAt: date(m.closedAt),
    reinforcedAt,
  };
}
