/**
 * What a step does to an incident and its units, as values the server only writes: the
 * incident's progress after assignment events, the units released when an incident ends, and
 * the incident event a unit's clear implies. No I/O: the services persist what these return.
 */
import { isAssignmentActive } from './assignment-state.js';
import { deriveIncidentStatus, isIncidentResolvable, type IncidentEvent } from './incident-state.js';
import { applyMilestones, type IncidentMilestones, type MilestoneEvent } from './milestones.js';
import type { AssignmentStatus, IncidentStatus, Resolution, UnitStatus } from './model.js';
import { reinforcementArrival, type ClockAssignment } from './response-clocks.js';

export interface ProgressIncident {
  status: IncidentStatus;
  requiredUnits: number;
  milestones: IncidentMilestones;
  /** When the reinforcement clock stopped, once known (set once, never moved). */
  reinforcedAt: number | null;
}

export interface ProgressAssignment extends ClockAssignment {
  status: AssignmentStatus;
}

export interface IncidentProgress {
  status: IncidentStatus;
  milestones: IncidentMilestones;
  reinforcedAt: number | null;
}

/**
 * The incident after `events` happened at `at` and its assignments are now `assignments`:
 * milestones first-set-wins, the status following the most advanced unit, and `reinforcedAt`
 * by the reinforcement clock's own rule (response-clocks.ts), so the stored milestone, the wall's
 * clock and the review agree.
 */
export function incidentProgress(
  incident: ProgressIncident,
  assignments: readonly ProgressAssignment[],
  events: readonly MilestoneEvent[],
  at: number,
): IncidentProgress {
  let milestones = incident.milestones;
  for (const event of events) milestones = applyMilestones(milestones, event, at);
  return {
    status: deriveIncidentStatus(incident, assignments),
    milestones,
    reinforcedAt: incident.reinforcedAt ?? reinforcementArrival(incident.requiredUnits, assignments),
  };
}

/** The milestone an incident event sets (resolve, close, cancel), if any. */
export function milestoneEventForIncident(event: IncidentEvent['type']): MilestoneEvent | null {
  switch (event) {
    case 'resolve':
      return 'incident_resolved';
    case 'close':
      return 'incident_closed';
    case 'cancel':
      return 'incident_cancelled';
    default:
      return null;
  }
}

/** One unit let go when its incident ends. */
export interface UnitRelease {
  assignmentId: string;
  unitId: string;
  from: AssignmentStatus;
  /** `cancelled`: the unit never got there (the call was cancelled); `cleared`: its work is done. */
  to: 'cancelled' | 'cleared';
  /** Not yet moving: free at once; on its way or on scene: returning to its grid (still dispatchable). */
  unitStatus: UnitStatus;
}

/**
 * Units an incident event releases: every active assignment, whichever way the incident ends
 * (resolved, cancelled or closed), so no unit stays committed to an incident nobody works any
 * more. Resolving or cancelling stops the units that had not reached the scene (`cancelled`) and
 * clears those on scene; a close clears them all.
 */
export function releasesOnIncidentEnd(
  event: IncidentEvent['type'],
  assignments: readonly { id: string; unitId: string; status: AssignmentStatus }[],
): UnitRelease[] {
  if (event !== 'resolve' && event !== 'cancel' && event !== 'close') return [];
  const stopsTravel = event === 'resolve' || event === 'cancel';
  return assignments
    .filter((a) => isAssignmentActive(a.status))
    .map((a) => ({
      assignmentId: a.id,
      unitId: a.unitId,
      from: a.status,
      to: stopsTravel && a.status !== 'on_scene' ? 'cancelled' : 'cleared',
      unitStatus: a.status === 'assigned' || a.status === 'accepted' ? 'available' : 'returning',
    }));
}

/**
 * A unit clearing with a resolution reports the outcome from the scene: it resolves the incident
 * when the incident can still be resolved (dispatched, en route or on scene). Otherwise nothing.
 */
export function incidentEventOnClear(
  incidentStatus: IncidentStatus,
  resolution: Resolution | undefined,
): IncidentEvent | null {
  if (!resolution || !isIncidentResolvable(incidentStatus)) return null;
  return { type: 'resolve', resolution };
}
