/** Units a dispatcher picks by hand, rather than the response plan. */
import type { AssignmentRole } from '@dispatch/domain';

/**
 * Roles of `count` hand-picked units, in the order picked: an explicit role applies to all;
 * otherwise the first is primary if nobody is on the incident yet, and the rest back it up.
 */
export function manualDispatchRoles(
  count: number,
  options: { requestedRole?: AssignmentRole | undefined; incidentHasActiveUnits: boolean },
): AssignmentRole[] {
  return Array.from(
    { length: count },
    (_, i) => options.requestedRole ?? (!options.incidentHasActiveUnits && i === 0 ? 'primary' : 'backup'),
  );
}
