import type { AssignmentDto, IncidentDto, UnitDto } from '@dispatch/contracts';
import { isAssignmentActive } from '@dispatch/domain';

export interface ActiveAssignment {
  incident: IncidentDto;
  assignment: AssignmentDto;
}

/** The unit's current assignment (the one the unit record names, else the newest active one). */
export function findActiveAssignment(
  unit: UnitDto | undefined,
  incidents: Iterable<IncidentDto>,
): ActiveAssignment | null {
  if (!unit) return null;
  let best: ActiveAssignment | null = null;
  for (const incident of incidents) {
    for (const assignment of incident.assignments) {
      if (assignment.unitId !== unit.id || !isAssignmentActive(assignment.status)) continue;
      if (assignment.id === unit.activeAssignmentId) return { incident, assignment };
      if (!best || assignment.assignedAt > best.assignment.assignedAt) best = { incident, assignment };
    }
  }
  return best;
}
