/**
 * Incident milestones: the first time each step happened, in epoch milliseconds. Each is set
 * once from events and never overwritten, so late or repeated events cannot move the
 * 1-3-5 clocks or the reports.
 */
import type { AssignmentRole, AssignmentStatus } from './model.js';

export interface IncidentMilestones {
  receivedAt: number;
  /** First assignment created. */
  firstDispatchedAt: number | null;
  /** First assignment en route. */
  firstEnRouteAt: number | null;
  /** First assignment on scene. */
  firstOnSceneAt: number | null;
  resolvedAt: number | null;
  /** Left the open set: closed, or cancelled (check the incident status to tell them apart). */
  closedAt: number | null;
}

export type MilestoneEvent =
  | 'assignment_created'
  | 'assignment_en_route'
  | 'assignment_on_scene'
  | 'incident_resolved'
  | 'incident_closed'
  | 'incident_cancelled';

const FIELD_BY_EVENT: Readonly<Record<MilestoneEvent, Exclude<keyof IncidentMilestones, 'receivedAt'>>> = {
  assignment_created: 'firstDispatchedAt',
  assignment_en_route: 'firstEnRouteAt',
  assignment_on_scene: 'firstOnSceneAt',
  incident_resolved: 'resolvedAt',
  incident_closed: 'closedAt',
  incident_cancelled: 'closedAt',
};

/** Fresh milestones of an incident received at `receivedAt`. */
export function initialMilestones(receivedAt: number): IncidentMilestones {
  return {
    receivedAt,
    firstDispatchedAt: null,
    firstEnRouteAt: null,
    firstOnSceneAt: null,
    resolvedAt: null,
    closedAt: null,
  };
}

/**
 * Records `event` at `at` (epoch ms). Returns the same object when the milestone is already
 * set (first one wins), a copy with the field set otherwise. An on-scene event also fills
 * an unset en-route milestone (a unit on scene has been en route), and an en-route or
 * on-scene event fills an unset dispatch milestone.
 */
export function applyMilestones(
  milestones: IncidentMilestones,
  event: MilestoneEvent,
  at: number,
): IncidentMilestones {
  const implied: MilestoneEvent[] =
    event === 'assignment_on_scene'
      ? ['assignment_created', 'assignment_en_route', 'assignment_on_scene']
      : event === 'assignment_en_route'
        ? ['assignment_created', 'assignment_en_route']
        : [event];
  let next = milestones;
  for (const e of implied) {
    const field = FIELD_BY_EVENT[e];
    if (next[field] === null) next = { ...next, [field]: at };
  }
  return next;
}

/**
 * Whether an assignment's arrival is an arrival at the scene. A checkpoint unit works a road out
 * of the area, not the scene: its arrival must not stop the 3- or 5-minute clock or mark the
 * incident on scene.
 */
export function attendsScene(assignment: { role?: AssignmentRole }): boolean {
  return assignment.role !== 'checkpoint';
}

/**
 * Milestone event implied by an assignment reaching `status`, if any. A checkpoint assignment
 * counts as a dispatch only.
 */
export function milestoneEventForAssignment(
  status: AssignmentStatus,
  role: AssignmentRole = 'primary',
): MilestoneEvent | null {
  if (!attendsScene({ role }) && status !== 'assigned') return null;
  switch (status) {
    case 'assigned':
      return 'assignment_created';
    case 'en_route':
      return 'assignment_en_route';
    case 'on_scene':
      return 'assignment_on_scene';
    default:
      return null;
  }
}
