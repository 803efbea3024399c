/**
 * The dispatch rules of `@dispatch/dispatch` applied to a list of units, as the server applies
 * them (recommendation-service.ts): the free units with a known position, their travel times
 * from `@dispatch/routing` (by road with a network, the straight-line fallback without), the
 * ranking with its tie-breaks, and the response plan filled from it. The straight-line policy
 * and the in-process console both rank through here. Pure.
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
  type DispatchProposal,
  type DispatchUnit,
  type RankedCandidate,
  type ResponsePlan,
} from '@dispatch/dispatch';
import { isUnitDispatchable } from '@dispatch/domain';
import { estimateTravelTimes, type RoadNetwork } from '@dispatch/routing';

export interface RankedPlanOptions {
  /** Road network to estimate on; null: straight-line estimates for everyone. */
  network: RoadNetwork | null;
  plans?: readonly ResponsePlan[];
  alreadyAssignedUnitIds?: readonly string[];
  /** Range of each post by post id (GET /api/posts), as the server's travel model reads it. */
  postRangeMeters?: ReadonlyMap<string, number>;
  /** Last tier to fill (default: every tier, as the server's recommendations do). */
  throughTier?: number;
}

export interface RankedPlan {
  ranked: RankedCandidate[];
  proposal: DispatchProposal;
  plan: ResponsePlan;
}

/** Ranks `units` for `incident` and fills its response plan from the ranking. */
export function rankedPlan(
  incident: DispatchIncident,
  units: readonly UnitDto[],
  options: RankedPlanOptions,
): RankedPlan {
  const dispatchable: DispatchUnit[] = [];
  const postRange = new Map<string, number | null>();
  for (const u of units) {
    if (!isUnitDispatchable(u.status) || !u.position) continue;
    dispatchable.push(toDispatchUnit(u, u.position.lngLat));
    postRange.set(u.id, u.postId === null ? null : (options.postRangeMeters?.get(u.postId) ?? null));
  }
  const estimates = estimateTravelTimes(
    options.network,
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
  const proposal = planDispatch(
    incident,
    plan,
    ranked,
    already,
    options.throughTier === undefined ? {} : { throughTier: options.throughTier },
  );
  return { ranked, proposal, plan };
}
