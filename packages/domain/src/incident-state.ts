/**
 * Incident lifecycle: received -> dispatched -> en_route -> on_scene -> resolved -> closed,
 * cancel from any open state. Progress events (dispatch, unit en route, unit on scene) are
 * normally derived from assignments with {@link deriveIncidentStatus}.
 */
import { domainError } from './errors.js';
import type { AssignmentRole, AssignmentStatus, IncidentStatus, Resolution } from './model.js';
import { RESOLUTIONS } from './model.js';
import { err, ok, type Result } from './result.js';

export type IncidentEvent =
  | { type: 'dispatch' }
  | { type: 'unit_en_route' }
  | { type: 'unit_on_scene' }
  | { type: 'resolve'; resolution: Resolution }
  | { type: 'close' }
  | { type: 'cancel' };
export type IncidentEventType = IncidentEvent['type'];

/** Statuses in which units can still be sent and the incident can be cancelled. */
export const OPEN_INCIDENT_STATUSES = ['received', 'dispatched', 'en_route', 'on_scene'] as const;
/**
 * Statuses still on the dispatcher's board and the wall: the open ones, and `resolved` (work on
 * scene done, the incident awaits its close). Not "open": no unit can be sent to a resolved
 * incident and its clocks have stopped.
 */
export const ON_BOARD_INCIDENT_STATUSES = [...OPEN_INCIDENT_STATUSES, 'resolved'] as const;
/** Statuses from which nothing moves any more. */
export const TERMINAL_INCIDENT_STATUSES = ['closed', 'cancelled'] as const;

/**
 * Legal transitions: status -> event -> next status. Anything absent is illegal.
 * Resolving needs at least one unit sent (a call handled without dispatch is cancelled
 * or resolved after a dispatch); `resolved` only moves to `closed`.
 */
export const INCIDENT_TRANSITIONS: Readonly<
  Record<IncidentStatus, Readonly<Partial<Record<IncidentEventType, IncidentStatus>>>>
> = {
  received: { dispatch: 'dispatched', cancel: 'cancelled' },
  dispatched: {
    unit_en_route: 'en_route',
    unit_on_scene: 'on_scene',
    resolve: 'resolved',
    cancel: 'cancelled',
  },
  en_route: { unit_on_scene: 'on_scene', resolve: 'resolved', cancel: 'cancelled' },
  on_scene: { resolve: 'resolved', cancel: 'cancelled' },
  resolved: { close: 'closed' },
  closed: {},
  cancelled: {},
};

export interface IncidentTransition {
  status: IncidentStatus;
  /** Set when the event fixes the resolution (resolve; cancel implies `cancelled`). */
  resolution?: Resolution;
}

/** True for `received`, `dispatched`, `en_route`, `on_scene`. */
export function isIncidentOpen(status: IncidentStatus): boolean {
  return (OPEN_INCIDENT_STATUSES as readonly IncidentStatus[]).includes(status);
}

/** True for `received`: logged and nobody sent yet, so it heads the dispatcher's queue. */
export function isAwaitingDispatch(status: IncidentStatus): boolean {
  return status === 'received';
}

/** True for the open statuses and `resolved`: the incident is still on the board. */
export function isIncidentOnBoard(status: IncidentStatus): boolean {
  return (ON_BOARD_INCIDENT_STATUSES as readonly IncidentStatus[]).includes(status);
}

/** True where a resolve is legal (`dispatched`, `en_route`, `on_scene`): somebody was sent. */
export function isIncidentResolvable(status: IncidentStatus): boolean {
  return INCIDENT_TRANSITIONS[status].resolve !== undefined;
}

/** True for `closed` and `cancelled`. */
export function isIncidentTerminal(status: IncidentStatus): status is 'closed' | 'cancelled' {
  return (TERMINAL_INCIDENT_STATUSES as readonly IncidentStatus[]).includes(status);
}

/**
 * Applies `event` to an incident in status `current`. Errors: `INCIDENT_CLOSED` from a terminal
 * status, `VALIDATION_FAILED` for a resolve without a known resolution, `ILLEGAL_TRANSITION`
 * otherwise.
 */
export function transitionIncident(
  current: IncidentStatus,
  event: IncidentEvent,
): Result<IncidentTransition> {
  const details = { entity: 'incident', from: current, event: event.type };
  if (isIncidentTerminal(current)) {
    return err(domainError('INCIDENT_CLOSED', `Incident is ${current}`, details));
  }
  const next = INCIDENT_TRANSITIONS[current][event.type];
  if (next === undefined) {
    return err(domainError('ILLEGAL_TRANSITION', `Incident cannot ${event.type} from ${current}`, details));
  }
  if (event.type === 'resolve') {
    if (!(RESOLUTIONS as readonly unknown[]).includes(event.resolution)) {
      return err(
        domainError('VALIDATION_FAILED', 'A resolution is required to resolve an incident', {
          ...details,
          field: 'resolution',
          allowed: RESOLUTIONS,
        }),
      );
    }
    return ok({ status: next, resolution: event.resolution });
  }
  if (event.type === 'cancel') return ok({ status: next, resolution: 'cancelled' });
  return ok({ status: next });
}

// Progress rank of the open statuses that follow the units; higher never goes back to lower.
const PROGRESS_RANK: Readonly<Record<'received' | 'dispatched' | 'en_route' | 'on_scene', number>> = {
  received: 0,
  dispatched: 1,
  en_route: 2,
  on_scene: 3,
};
const RANK_STATUS = ['received', 'dispatched', 'en_route', 'on_scene'] as const;

function assignmentRank(status: AssignmentStatus): number {
  switch (status) {
    case 'assigned':
    case 'accepted':
      return 1;
    case 'en_route':
      return 2;
    case 'on_scene':
    case 'cleared': // a unit only clears after having been on scene
      return 3;
    case 'cancelled':
      return 0;
  }
}

/**
 * Incident status implied by its assignments: the most advanced unit drives it (first unit
 * assigned -> dispatched, first en route -> en_route, first on scene -> on_scene). Never goes
 * backwards (all units cancelled leaves the status where it was) and never touches
 * `resolved`, `closed` or `cancelled`, which only explicit events reach.
 */
export function deriveIncidentStatus(
  incident: { status: IncidentStatus },
  assignments: readonly { status: AssignmentStatus; role?: AssignmentRole }[],
): IncidentStatus {
  const current = incident.status;
  if (current === 'resolved' || isIncidentTerminal(current)) return current;
  let rank = PROGRESS_RANK[current];
  for (const a of assignments) {
    // A checkpoint unit moving to its road block dispatches the incident but brings nobody to the scene.
    const r = assignmentRank(a.status);
    rank = Math.max(rank, a.role === 'checkpoint' ? Math.min(r, PROGRESS_RANK.dispatched) : r);
  }
  return RANK_STATUS[rank] ?? current;
}
