/**
 * Unit status machine. A unit is set to a target status (by its crew app, by the dispatcher on
 * a radio report, or by the assignment flow); this table says which moves are legal.
 */
import { domainError } from './errors.js';
import type { UnitStatus } from './model.js';
import { err, ok, type Result } from './result.js';

/** Statuses from which a unit may be sent to a new incident. */
export const DISPATCHABLE_UNIT_STATUSES = ['available', 'returning'] as const;
/** Statuses in which a unit is working an incident: on duty, and not free for another call. */
export const BUSY_UNIT_STATUSES = ['assigned', 'en_route', 'on_scene'] as const;
/** Statuses in which a unit counts as on duty (staffing, map). */
export const ON_DUTY_UNIT_STATUSES = ['available', 'assigned', 'en_route', 'on_scene', 'returning'] as const;

/**
 * Legal targets per status. `assigned`/`en_route` -> `available` or `returning` is the
 * assignment being cancelled; any on-duty status may drop to `out_of_service` (breakdown);
 * going off duty requires being free first.
 */
export const UNIT_TRANSITIONS: Readonly<Record<UnitStatus, readonly UnitStatus[]>> = {
  available: ['assigned', 'off_duty', 'out_of_service'],
  assigned: ['en_route', 'available', 'returning', 'out_of_service'],
  en_route: ['on_scene', 'available', 'returning', 'out_of_service'],
  on_scene: ['returning', 'available', 'out_of_service'],
  returning: ['available', 'assigned', 'off_duty', 'out_of_service'],
  off_duty: ['available'],
  out_of_service: ['available', 'off_duty'],
};

/** True for statuses from which the unit may be dispatched (`available`, `returning`). */
export function isUnitDispatchable(status: UnitStatus): boolean {
  return (DISPATCHABLE_UNIT_STATUSES as readonly UnitStatus[]).includes(status);
}

/** True for `assigned`, `en_route`, `on_scene`. */
export function isUnitBusy(status: UnitStatus): boolean {
  return (BUSY_UNIT_STATUSES as readonly UnitStatus[]).includes(status);
}

/** True for every status except `off_duty` and `out_of_service`. */
export function isUnitOnDuty(status: UnitStatus): boolean {
  return (ON_DUTY_UNIT_STATUSES as readonly UnitStatus[]).includes(status);
}

/** Moves a unit from `current` to `next`; `ILLEGAL_TRANSITION` if the table forbids it. */
export function transitionUnit(current: UnitStatus, next: UnitStatus): Result<UnitStatus> {
  if (UNIT_TRANSITIONS[current].includes(next)) return ok(next);
  return err(
    domainError('ILLEGAL_TRANSITION', `Unit cannot go from ${current} to ${next}`, {
      entity: 'unit',
      from: current,
      to: next,
    }),
  );
}

/**
 * Why a unit's standby order ends when it moves to `status`: dispatched (busy on an incident), off
 * duty (off duty or out of service); null while it stays free, since a unit on standby is still
 * free for calls.
 */
export function standbyEndReason(status: UnitStatus): 'dispatched' | 'off_duty' | null {
  if (isUnitDispatchable(status)) return null;
  return isUnitBusy(status) ? 'dispatched' : 'off_duty';
}

/**
 * Whether a unit moving to `next` has just stopped being free (the hole move-up fills). Where every
 * status the table lets reach `next` is free (`assigned`), it must have been, whatever `before`
 * says (a status seen a while ago, perhaps before another server node freed the unit); otherwise
 * it is whether `before` was free, and no when that is unknown.
 */
export function leftFreeFleet(before: UnitStatus | null, next: UnitStatus): boolean {
  if (isUnitDispatchable(next)) return false;
  const ways = (Object.keys(UNIT_TRANSITIONS) as UnitStatus[]).filter((s) =>
    UNIT_TRANSITIONS[s].includes(next),
  );
  if (ways.every(isUnitDispatchable)) return true;
  return before !== null && isUnitDispatchable(before);
}
