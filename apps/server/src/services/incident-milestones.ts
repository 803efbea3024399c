/** Bridges incident rows (Dates) and the domain's progress rules (epoch ms): incident-progress.ts. */
import { incidentProgress, type IncidentMilestones, type MilestoneEvent } from '@dispatch/domain';
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

/** An assignment row as the domain's clock and progress rules read it. */
export function clockAssignmentOf(a: Pick<Assignment, 'unitId' | 'status' | 'onSceneAt' | 'role'>) {
  return { unitId: a.unitId, status: a.status, role: a.role, onSceneAt: ms(a.onSceneAt) };
}

/**
 * The incident columns to write after `events` happened at `at` and the incident's assignments
 * are now `assignments` (the domain's `incidentProgress`, as Dates).
 */
export function progressUpdate(
  incident: Incident,
  assignments: readonly Pick<Assignment, 'unitId' | 'status' | 'onSceneAt' | 'role'>[],
  events: readonly MilestoneEvent[],
  at: number,
) {
  const progress = incidentProgress(
    {
      status: incident.status,
      requiredUnits: incident.requiredUnits,
      milestones: milestonesOf(incident),
      reinforcedAt: ms(incident.reinforcedAt),
    },
    assignments.map(clockAssignmentOf),
    events,
    at,
  );
  const m = progress.milestones;
  return {
    status: progress.status,
    firstDispatchedAt: date(m.firstDispatchedAt),
    firstEnRouteAt: date(m.firstEnRouteAt),
    firstOnSceneAt: date(m.firstOnSceneAt),
    resolvedAt: date(m.resolvedAt),
    closedAt: date(m.closedAt),
    reinforcedAt: date(progress.reinforcedAt),
  };
}
