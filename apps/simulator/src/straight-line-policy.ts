/**
 * The comparison policy: the same response plan, eligibility and tie-break rules as the server,
 * but candidates ranked by straight-line distance (haversine times a detour factor at an assumed
 * speed: what a console without a road network does) instead of road travel time. Pure.
 */
import type { UnitDto } from '@dispatch/contracts';
import {
  DEFAULT_RESPONSE_PLANS,
  planDispatch,
  rankCandidates,
  resolveResponsePlan,
  type DispatchIncident,
  type DispatchUnit,
  type ResponsePlan,
} from '@dispatch/dispatch';
import { isUnitDispatchable, type Capability } from '@dispatch/domain';
import { estimateTravelTimes, type TravelCandidate } from '@dispatch/routing';

/** Street posts answer on foot within this range (the demo's post range). */
const POST_RANGE_METERS = 800;
/** Same search horizon as the server's recommendations. */
const MAX_SEARCH_SECONDS = 20 * 60;

/** How each kind moves, mirroring the server's travel model (walkers, drones, motorcycles). */
export function travelCandidateOf(
  id: string,
  kind: string,
  lngLat: readonly [number, number],
): TravelCandidate {
  switch (kind) {
    case 'post':
      return { id, lngLat, mode: 'walk', maxRangeMeters: POST_RANGE_METERS };
    case 'foot_patrol':
    case 'partner':
      return { id, lngLat, mode: 'walk', maxRangeMeters: 2000 };
    case 'drone':
      return { id, lngLat, mode: 'fly' };
    case 'motorcycle':
      return { id, lngLat, speedFactor: 1.1 };
    default:
      return { id, lngLat };
  }
}

/** Unit ids the plan's first tier sends when ranking by straight line. */
export function straightLineChoice(
  incident: DispatchIncident,
  units: readonly UnitDto[],
  options: { plans?: readonly ResponsePlan[]; alreadyAssignedUnitIds?: readonly string[] } = {},
): string[] {
  const dispatchable: DispatchUnit[] = [];
  for (const u of units) {
    if (!isUnitDispatchable(u.status) || !u.position) continue;
    dispatchable.push({
      id: u.id,
      callSign: u.callSign,
      kind: u.kind,
      status: u.status,
      homeGridId: u.homeGridId,
      currentGridId: u.currentGridId,
      capabilities: u.capabilities as Capability[],
      lngLat: u.position.lngLat,
    });
  }
  // No network: every estimate is the straight-line fallback (walkers and drones included).
  const estimates = estimateTravelTimes(
    null,
    incident.lngLat,
    dispatchable.map((u) => travelCandidateOf(u.id, u.kind, u.lngLat)),
    { maxSeconds: MAX_SEARCH_SECONDS },
  );
  const byId = new Map(
    estimates.map((e) => [
      e.id,
      {
        etaSeconds: e.etaSeconds,
        distanceMeters: e.distanceMeters,
        method: e.method,
        reachable: e.reachable,
      },
    ]),
  );
  const already = options.alreadyAssignedUnitIds ?? [];
  const { ranked } = rankCandidates(incident, dispatchable, byId, { excludeUnitIds: already });
  const { plan } = resolveResponsePlan(
    options.plans ?? DEFAULT_RESPONSE_PLANS,
    incident.type,
    incident.priority,
  );
  const proposal = planDispatch(incident, plan, ranked, already, { throughTier: 1 });
  return proposal.assignments.map((a) => a.unitId);
}
