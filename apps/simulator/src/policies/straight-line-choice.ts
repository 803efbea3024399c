/**
 * The comparison policy: the same response plan, eligibility and tie-break rules as the server,
 * but candidates ranked by straight-line distance (haversine times a detour factor at an assumed
 * speed: what a console without a road network does) instead of road travel time. Pure.
 */
import type { UnitDto } from '@dispatch/contracts';
import {
  DEFAULT_RESPONSE_PLANS,
  MAX_SEARCH_SECONDS,
  planDispatch,
  rankCandidates,
  resolveResponsePlan,
  toDispatchUnit,
  travelCandidateOf,
  type DispatchIncident,
  type DispatchUnit,
  type ResponsePlan,
} from '@dispatch/dispatch';
import { isUnitDispatchable } from '@dispatch/domain';
import { estimateTravelTimes } from '@dispatch/routing';

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
  const dispatchable: DispatchUnit[] = [];
  const postRange = new Map<string, number | null>();
  for (const u of units) {
    if (!isUnitDispatchable(u.status) || !u.position) continue;
    dispatchable.push(toDispatchUnit(u, u.position.lngLat));
    postRange.set(u.id, u.postId === null ? null : (options.postRangeMeters?.get(u.postId) ?? null));
  }
  // No network: every estimate is the straight-line fallback (walkers and drones included).
  const estimates = estimateTravelTimes(
    null,
    incident.lngLat,
    dispatchable.map((u) =>
      travelCandidateOf({ id: u.id, kind: u.kind, lngLat: u.lngLat, postRangeMeters: postRange.get(u.id) }),
    ),
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
