/**
 * Where free units should wait: standby points that maximise the expected demand reached within
 * the 3- and 5-minute targets.
 *
 * Algorithm: MEXCLP (Daskin's maximum expected covering location) solved greedily on the road
 * network. Each unit is busy with probability q, independently, so demand reached within a
 * target by k waiting units is covered with probability 1 - q^k; one more unit adds
 * (1 - q)·q^k of it. The objective sums that over the targets (weights, default 1 each: demand
 * within 3 minutes counts for both targets). It is monotone and submodular in the units placed,
 * so the greedy (place one unit at a time where it adds most) is within 1 - 1/e of the best
 * placement when any unit may wait anywhere, and within 1/2 when each unit keeps to its home
 * grid (a partition matroid); in practice much closer. The lazy form (CELF: re-evaluate a site only when it reaches the top of the
 * heap with a stale value) chooses exactly as the plain greedy, with tens of evaluations a step
 * instead of one per site. Why not an exact model: the integer program over thousands of sites
 * needs a solver this project does not have, and the greedy's placements are explainable one by
 * one ("this point adds the most expected coverage"), which the supervisor sees.
 *
 * Station areas: by default a unit waits only at sites of its home grid (`inStationArea`);
 * `crossZones` lets every unit use every site, `allowSite` replaces the rule. The gain of a site
 * does not depend on which unit goes there (all relocated units drive), so the unit sent is the
 * allowed one nearest by road.
 */
import {
  estimatePrepared,
  prepareCandidates,
  updatePreparedCandidates,
  type TravelCandidate,
  type TravelParams,
} from '@dispatch/routing';
import { drives, inStationArea, type CoverUnit, type SiteRule } from './cover-units.js';
import { MaxHeap } from './max-heap.js';
import type { SiteReach, StandbySite } from './standby-sites.js';

/** Share of time a unit is busy, when nobody measured it for the grid: 30%. */
export const DEFAULT_BUSY_FRACTION = 0.3;
/** Travel times to standby points are searched this far (30 min); beyond, `travelSeconds` is null. */
export const DEFAULT_STANDBY_TRAVEL_SECONDS = 1800;

/** Options of {@link standbyPoints}. */
export interface StandbyOptions<U extends CoverUnit = CoverUnit> {
  /** q of MEXCLP, in [0, 1): 0 gives plain maximal covering. Default 0.3. */
  readonly busyFraction?: number;
  /** Weight per target of `reach.targetsSeconds` (default 1 each). */
  readonly weights?: readonly number[];
  /** Let units wait outside their station area. Default false. */
  readonly crossZones?: boolean;
  /** Replaces the station-area rule (and `crossZones`). */
  readonly allowSite?: SiteRule<U>;
  /**
   * Per vertex: seconds from the units that stay where they are (posts, drones, units of other
   * grids: `coverageTimes` of them). Counted as one more unit wherever within a target.
   */
  readonly fixedSeconds?: Float64Array;
  readonly maxTravelSeconds?: number;
  readonly params?: Partial<TravelParams>;
}

/** One unit's standby point. */
export interface StandbyPlacement {
  readonly unitId: string;
  readonly site: StandbySite;
  /** Index into `reach.sites`. */
  readonly siteIndex: number;
  /** Weighted expected demand the placement adds (the greedy's objective, non-increasing by step). */
  readonly gain: number;
  /** Per target: expected demand it adds within that target (unweighted). */
  readonly gainWithin: readonly number[];
  /** By road from the unit's position; null when not reachable within `maxTravelSeconds`. */
  readonly travelSeconds: number | null;
}

/** Why a unit got no standby point. Stable codes. */
export type StandbySkipReason =
  | 'not_driving' // posts, foot patrols and drones are not relocated
  | 'no_allowed_site'; // no site in its station area (or the rule allows none)

/** Result of {@link standbyPoints}. */
export interface StandbyPlan {
  /** In greedy order. */
  readonly placements: readonly StandbyPlacement[];
  readonly unplaced: readonly { readonly unitId: string; readonly reason: StandbySkipReason }[];
  /** Per target: expected demand covered (MEXCLP) with the fixed units and all placements. */
  readonly expectedWithin: readonly number[];
  /** Per target: demand reached by at least one unit (what `zoneCoverage` would show). */
  readonly coveredWithin: readonly number[];
  readonly totalDemand: number;
}

/**
 * Standby points for `units` (free units to place) given the demand per vertex
 * (`vertexDemandOf`). Pure and deterministic: same input, same plan.
 */
export function standbyPoints<U extends CoverUnit>(
  reach: SiteReach,
  units: readonly U[],
  vertexDemand: Float64Array,
  options: StandbyOptions<U> = {},
): StandbyPlan {
  const { network, sites, targetsSeconds, offsets, vertices, within } = reach;
  const q = options.busyFraction ?? DEFAULT_BUSY_FRACTION;
  if (!(q >= 0 && q < 1)) throw new RangeError('standbyPoints: busyFraction must be in [0, 1)');
  const weights = targetsSeconds.map((_, t) => options.weights?.[t] ?? 1);
  const T = targetsSeconds.length;
  const V = network.vertexCount;
  const rule: SiteRule<U> =
    options.allowSite ?? (options.crossZones ? () => true : (unit, site) => inStationArea(unit, site));

  const unplaced: { unitId: string; reason: StandbySkipReason }[] = [];
  const movers: U[] = [];
  for (const u of units) {
    if (drives(u)) movers.push(u);
    else unplaced.push({ unitId: u.candidate.id, reason: 'not_driving' });
  }
  // Units allowed at each site, in input order; a cursor skips those already placed.
  const allowed: number[][] = sites.map(() => []);
  const hasSite = new Uint8Array(movers.length);
  sites.forEach((site, s) =>
    movers.forEach((u, i) => {
      if (!rule(u, site)) return;
      allowed[s]!.push(i);
      hasSite[i] = 1;
    }),
  );
  const cursor = new Int32Array(sites.length);
  const placed = new Uint8Array(movers.length);
  const firstFree = (s: number): number => {
    const list = allowed[s]!;
    let c = cursor[s]!;
    while (c < list.length && placed[list[c]!]) c++;
    cursor[s] = c;
    return c < list.length ? list[c]! : -1;
  };

  // Units covering each vertex within each target, and q^k as a table.
  const count = new Uint16Array(T * V);
  if (options.fixedSeconds) {
    for (let v = 0; v < V; v++) {
      const sec = options.fixedSeconds[v]!;
      for (let t = 0; t < T; t++) if (sec <= targetsSeconds[t]!) count[t * V + v] = 1;
    }
  }
  const qPow = Float64Array.from({ length: movers.length + 2 }, (_, k) => q ** k);
  const marginal = (s: number, into: Float64Array | null): number => {
    let total = 0;
    for (let j = offsets[s]!; j < offsets[s + 1]!; j++) {
      const v = vertices[j]!;
      const d = vertexDemand[v]!;
      if (!(d > 0)) continue;
      const mask = within[j]!;
      for (let t = 0; t < T; t++) {
        if (!(mask & (1 << t))) continue;
        const add = d * (1 - q) * qPow[count[t * V + v]!]!;
        total += weights[t]! * add;
        if (into) into[t] = into[t]! + add;
      }
    }
    return total;
  };

  const heap = new MaxHeap(sites.length);
  // Step at which each heap key was computed: older keys are upper bounds, re-evaluated on top.
  const fresh = new Int32Array(sites.length);
  let step = 0;
  for (let s = 0; s < sites.length; s++) if (allowed[s]!.length > 0) heap.push(s, marginal(s, null));

  const prepared = prepareCandidates(
    network,
    movers.map((u) => u.candidate),
    options.params,
  );
  const maxTravelSeconds = options.maxTravelSeconds ?? DEFAULT_STANDBY_TRAVEL_SECONDS;
  const placements: StandbyPlacement[] = [];
  while (heap.size > 0 && placements.length < movers.length) {
    const s = heap.peekId();
    if (firstFree(s) < 0) {
      heap.pop(); // every unit allowed here is placed: it never comes back
      continue;
    }
    if (fresh[s] !== step) {
      heap.pop();
      heap.push(s, marginal(s, null));
      fresh[s] = step;
      continue;
    }
    heap.pop();
    const gainWithin = new Float64Array(T);
    const gain = marginal(s, gainWithin);
    const { index, seconds } = nearestFree(s);
    placed[index] = 1;
    for (let j = offsets[s]!; j < offsets[s + 1]!; j++) {
      const v = vertices[j]!;
      const mask = within[j]!;
      for (let t = 0; t < T; t++) if (mask & (1 << t)) count[t * V + v] = count[t * V + v]! + 1;
    }
    placements.push({
      unitId: movers[index]!.candidate.id,
      site: sites[s]!,
      siteIndex: s,
      gain,
      gainWithin: [...gainWithin],
      travelSeconds: seconds,
    });
    step++;
    // The site may take another unit: back in the heap, stale.
    heap.push(s, gain);
  }
  movers.forEach((u, i) => {
    if (!hasSite[i]) unplaced.push({ unitId: u.candidate.id, reason: 'no_allowed_site' });
  });

  const expectedWithin = new Float64Array(T);
  const coveredWithin = new Float64Array(T);
  let totalDemand = 0;
  for (let v = 0; v < V; v++) {
    const d = vertexDemand[v]!;
    if (!(d > 0)) continue;
    totalDemand += d;
    for (let t = 0; t < T; t++) {
      const k = count[t * V + v]!;
      expectedWithin[t] = expectedWithin[t]! + d * (1 - qPow[k]!);
      if (k > 0) coveredWithin[t] = coveredWithin[t]! + d;
    }
  }
  return {
    placements,
    unplaced,
    expectedWithin: [...expectedWithin],
    coveredWithin: [...coveredWithin],
    totalDemand,
  };

  /** The free unit allowed at site `s` nearest to it by road (ties and no road: input order). */
  function nearestFree(s: number): { index: number; seconds: number | null } {
    const free = allowed[s]!.filter((i) => !placed[i]);
    const byId = new Map<string, number>(free.map((i) => [movers[i]!.candidate.id, i]));
    const subset: TravelCandidate[] = free.map((i) => movers[i]!.candidate);
    const estimates = estimatePrepared(updatePreparedCandidates(prepared, subset), sites[s]!.lngLat, {
      k: 1,
      maxSeconds: maxTravelSeconds,
    });
    const best = estimates[0];
    if (best?.reachable && byId.has(best.id)) return { index: byId.get(best.id)!, seconds: best.etaSeconds };
    return { index: free[0]!, seconds: null };
  }
}
