import type { LngLat } from '@dispatch/domain';
import { modeOf, prepareCandidates, type GraphGroup, type PreparedCandidates } from './candidates.js';
import { estimate, flightEstimate, straightLineEstimate, unreachable } from './fallback.js';
import { isValidLngLat } from './geo.js';
import type { RoadNetwork } from './network.js';
import { contextFor } from './search-context.js';
import { searchSinks } from './sink-search.js';
import { snapPoint } from './snap.js';
import type { TravelCandidate, TravelEstimate, TravelParams } from './travel-types.js';

/** Per-query options of {@link estimateTravelTimes}. */
export interface EstimateOptions {
  /**
   * Stop the road search once the best `k` drivers are certain; slower drivers then come back
   * unreachable with reason `not_in_top_k`. Walkers and drones are always all evaluated.
   */
  readonly k?: number;
  /** Anything slower is unreachable (`beyond_max_seconds`); also bounds the searches. */
  readonly maxSeconds?: number;
}

/** Reachable by ETA (ties in input order), then the unreachable in input order. */
function byEta(results: readonly TravelEstimate[]): TravelEstimate[] {
  // Array.prototype.sort is stable: equal ETAs keep the input order.
  const sorted = results.filter((r) => r.reachable).sort((a, b) => a.etaSeconds - b.etaSeconds);
  for (const r of results) if (!r.reachable) sorted.push(r);
  return sorted;
}

function roadGroup(
  prepared: PreparedCandidates,
  group: GraphGroup,
  target: LngLat,
  options: EstimateOptions,
  out: (TravelEstimate | undefined)[],
): void {
  const net = prepared.network!;
  const p = prepared.params;
  const profile = group.set.profile;
  const maxSeconds = options.maxSeconds ?? Infinity;
  const targetSnap = snapPoint(net, target, {
    profile: profile.kind,
    components: p.components,
    maxDistanceMeters: p.maxSnapMeters,
  });
  if (!targetSnap) return; // target off the network: members fall back to straight lines
  const walking = profile.kind === 'walk';
  let maxRange = 0;
  for (const r of group.rangeMeters) maxRange = Math.max(maxRange, r);
  const result = searchSinks(net, contextFor(net), group.set, targetSnap, targetSnap.offsetMeters, {
    ...(walking ? { maxCost: maxRange } : { k: options.k }),
    maxSeconds,
  });
  const method = walking ? 'walk' : 'road';
  group.indices.forEach((ci, m) => {
    const c = prepared.candidates[ci]!;
    const seconds = result.seconds[m]!;
    const meters = result.meters[m]!;
    const range = group.rangeMeters[m]!;
    if (result.exact[m] && !Number.isFinite(seconds)) out[ci] = unreachable(c, method, 'no_path');
    else if (walking && meters > range) out[ci] = unreachable(c, method, 'out_of_range');
    else if (result.exact[m]) out[ci] = estimate(c, method, seconds, meters, maxSeconds);
    else if (walking)
      out[ci] = unreachable(c, method, result.frontierCost >= range ? 'out_of_range' : 'beyond_max_seconds');
    else out[ci] = unreachable(c, method, result.end === 'stopped' ? 'not_in_top_k' : 'beyond_max_seconds');
  });
}

/**
 * Travel times of prepared candidates to one target: one reverse road search for all drivers
 * (early exit on `k` / `maxSeconds`), one walking search for all posts, straight flight for
 * drones, straight-line estimates where no road is usable. Sorted: reachable by ETA, then the
 * unreachable in input order.
 */
export function estimatePrepared(
  prepared: PreparedCandidates,
  target: LngLat,
  options: EstimateOptions = {},
): TravelEstimate[] {
  const { candidates, params } = prepared;
  if (!isValidLngLat(target)) {
    return candidates.map((c) =>
      unreachable(c, prepared.network ? 'road' : 'straight_line', 'invalid_position'),
    );
  }
  const out: (TravelEstimate | undefined)[] = new Array(candidates.length);
  if (prepared.drive) roadGroup(prepared, prepared.drive, target, options, out);
  if (prepared.walk) roadGroup(prepared, prepared.walk, target, options, out);
  const maxSeconds = options.maxSeconds ?? Infinity;
  for (let i = 0; i < candidates.length; i++) out[i] ??= fallback(candidates[i]!, target, params, maxSeconds);
  return byEta(out as TravelEstimate[]);
}

function fallback(c: TravelCandidate, target: LngLat, p: TravelParams, maxSeconds: number): TravelEstimate {
  if (!isValidLngLat(c.lngLat)) return unreachable(c, 'straight_line', 'invalid_position');
  if (modeOf(c) === 'fly') return flightEstimate(c, target, p, maxSeconds);
  return straightLineEstimate(c, target, p, maxSeconds);
}

/**
 * The one entry point for "who gets there first": snaps the candidates, then
 * {@link estimatePrepared}. With `network` null or empty every driver/walker gets a
 * `straight_line` estimate. Callers ranking many incidents against the same units should call
 * {@link prepareCandidates} once and {@link estimatePrepared} per incident.
 */
export function estimateTravelTimes(
  network: RoadNetwork | null | undefined,
  target: LngLat,
  candidates: readonly TravelCandidate[],
  options: EstimateOptions & { params?: Partial<TravelParams> } = {},
): TravelEstimate[] {
  return estimatePrepared(prepareCandidates(network, candidates, options.params), target, options);
}
