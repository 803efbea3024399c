/**
 * The comparison policy's choice: the same response plan, eligibility and tie-break rules as the
 * server, but candidates ranked by straight-line distance (haversine times a detour factor at an
 * assumed speed: what a console without a road network does) instead of road travel time. Pure.
 */
import type { UnitDto } from '@dispatch/contracts';
import type { DispatchIncident, ResponsePlan } from '@dispatch/dispatch';
import { rankedPlan } from '../ranked-plan.js';

/** Unit ids the plan's first tier sends when ranking by straight line. */
export function straightLineChoice(
  incident: DispatchIncident,
  units: readonly UnitDto[],
  options: {
    plans?: readonly ResponsePlan[];
    alreadyAssignedUnitIds?: readonly string[];
    /** Range of each post by post id (GET /api/posts), as the server's travel model reads it. */
    postRangeMeters?: ReadonlyMap<string, number>;
  } = {},
): string[] {
  // No network: every estimate is the straight-line fallback (walkers and drones included).
  const { proposal } = rankedPlan(incident, units, { ...options, network: null, throughTier: 1 });
  return proposal.assignments.map((a) => a.unitId);
}
