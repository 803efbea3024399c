/**
 * Assignment (one unit sent to one incident) status machine:
 * assigned -> accepted -> en_route -> on_scene -> cleared, cancelled from any active status.
 * Accepting is optional (assigned -> en_route).
 */
import { domainError } from './errors.js';
import type { AssignmentStatus, UnitStatus } from './model.js';
import { ACTIVE_ASSIGNMENT_STATUSES, TRAVELLING_ASSIGNMENT_STATUSES } from './model.js';
import { err, ok, type Result } from './result.js';

export const ASSIGNMENT_TRANSITIONS: Readonly<Record<AssignmentStatus, readonly AssignmentStatus[]>> = {
  assigned: ['accepted', 'en_route', 'cancelled'],
  accepted: ['en_route', 'cancelled'],
  en_route: ['on_scene', 'cancelled'],
  on_scene: ['cleared', 'cancelled'],
  cleared: [],
  cancelled: [],
};

/** True while the unit is committed to the incident (assigned, accepted, en_route, on_scene). */
export function isAssignmentActive(status: AssignmentStatus): boolean {
  return (ACTIVE_ASSIGNMENT_STATUSES as readonly AssignmentStatus[]).includes(status);
}

/** True while the unit is still on its way (assigned, accepted, en_route). */
export function isAssignmentTravelling(status: AssignmentStatus): boolean {
  return (TRAVELLING_ASSIGNMENT_STATUSES as readonly AssignmentStatus[]).includes(status);
}

/** Units still committed to an incident, given its assignments (any status). */
export function activeUnitIds(
  assignments: readonly { unitId: string; status: AssignmentStatus }[],
): string[] {
  return assignments.filter((a) => isAssignmentActive(a.status)).map((a) => a.unitId);
}

/** Moves an assignment from `current` to `next`; `ILLEGAL_TRANSITION` if the table forbids it. */
export function transitionAssignment(
  current: AssignmentStatus,
  next: AssignmentStatus,
): Result<AssignmentStatus> {
  if (ASSIGNMENT_TRANSITIONS[current].includes(next)) return ok(next);
  return err(
    domainError('ILLEGAL_TRANSITION', `Assignment cannot go from ${current} to ${next}`, {
      entity: 'assignment',
      from: current,
      to: next,
    }),
  );
}

/**
 * Unit status that mirrors an assignment status, so the server updates both together:
 * assigned/accepted -> assigned, en_route -> en_route, on_scene -> on_scene,
 * cleared -> returning, cancelled -> `available` (or `returning` if the unit had left its grid).
 */
export function unitStatusForAssignment(status: AssignmentStatus, unitLeftGrid = false): UnitStatus {
  switch (status) {
    case 'assigned':
    case 'accepted':
      return 'assigned';
    case 'en_route':
      return 'en_route';
    case 'on_scene':
      return 'on_scene';
    case 'cleared':
      return 'returning';
    case 'cancelled':
      return unitLeftGrid ? 'returning' : 'available';
  }
}
