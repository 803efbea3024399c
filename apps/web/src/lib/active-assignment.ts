import type { AssignmentDto, IncidentDto, UnitDto } from '@dispatch/contracts';
import { ACTIVE_ASSIGNMENT_STATUSES } from '@dispatch/domain';

const ACTIVE = new Set<string>(ACTIVE_ASSIGNMENT_STATUSES);

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
      if (assignment.unitId !== unit.id || !ACTIVE.has(assignment.status)) continue;
      if (assignment.id === unit.activeAssignmentId) return { incident, assignment };
      if (!best || assignment.assignedAt > best.assignment.assignedAt) best = { incident, assignment };
    }
  }
  return best;
}
