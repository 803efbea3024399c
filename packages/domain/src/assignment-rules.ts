/**
 * Preconditions for sending a unit to an incident, checked by the server before it writes an
 * assignment, so manual and automatic dispatch obey the same rules.
 */
import { isAssignmentActive } from './assignment-state.js';
import { domainError } from './errors.js';
import { isIncidentOpen } from './incident-state.js';
import type { AssignmentStatus, IncidentStatus, UnitStatus } from './model.js';
import { err, ok, type Result } from './result.js';
import { isUnitDispatchable } from './unit-state.js';

export interface AssignmentCheckInput {
  incident: { id: string; status: IncidentStatus };
  unit: { id: string; status: UnitStatus };
  /** Assignments of this unit (any incident); only active ones matter. */
  unitAssignments: readonly { incidentId: string; status: AssignmentStatus }[];
}

/**
 * Checks that `unit` may be assigned to `incident`. Errors: `INCIDENT_CLOSED` (incident not
 * open), `UNIT_ALREADY_ASSIGNED` (an active assignment exists, details name its incident),
 * `UNIT_NOT_AVAILABLE` (status not dispatchable).
 */
export function checkAssignable(input: AssignmentCheckInput): Result<void> {
  const { incident, unit } = input;
  if (!isIncidentOpen(incident.status)) {
    return err(
      domainError('INCIDENT_CLOSED', `Incident is ${incident.status}`, {
        incidentId: incident.id,
        status: incident.status,
      }),
    );
  }
  const active = input.unitAssignments.find((a) => isAssignmentActive(a.status));
  if (active !== undefined) {
    return err(
      domainError('UNIT_ALREADY_ASSIGNED', 'Unit already has an active assignment', {
        unitId: unit.id,
        incidentId: active.incidentId,
        sameIncident: active.incidentId === incident.id,
      }),
    );
  }
  if (!isUnitDispatchable(unit.status)) {
    return err(
      domainError('UNIT_NOT_AVAILABLE', `Unit is ${unit.status}`, { unitId: unit.id, status: unit.status }),
    );
  }
  return ok(undefined);
}
