/**
 * Move-up after a dispatch: when a unit leaves (a dispatch, or out of service), which idle units
 * should move to which standby points to restore the most demand coverage.
 *
 * Objective: demand reached by at least one free unit within the largest target (5 minutes, what
 * the uncovered-area alert watches), ties broken by the next target down (3 minutes). Plain
 * coverage, not MEXCLP's expected coverage: the hole is now, not a probability.
 *
 * Algorithm: greedy over (unit, site) pairs, at most `maxMoves` steps, exact at every step.
 * - Shortlist: the eligible units nearest each hole by road (a straight-line preselection of
 *   4x as many, then a road ranking). Only they can fill the hole, directly or by a chain (one moves
 *   in, the next takes its old area: why the default is 2 moves).
 * - Coverage counts per vertex and target: one multi-source search for every free unit outside
 *   the shortlist (`coverageTimes`, counted as one coverer), plus one bounded outbound search per
 *   shortlisted unit (its own reach, and its travel time to every site), plus the sites' reach
 *   from `siteReach`. A move's gain is then exact: what the site newly covers minus what only the
 *   unit covered.
 * - Lazy evaluation: each pair gets an optimistic bound per target (the least of: the demand
 *   within the site's reach that nobody covers, and the demand there that at most one unit
 *   covers minus what only this unit covers); pairs are evaluated in bound order and a step stops
 *   once no bound can beat the best found, so a saturated city costs no exact evaluation at all.
 *   Bounds are recomputed each step, not kept across steps: after a move, gains can grow (a
 *   vacated area makes another unit's move worth more), so CELF's stale bounds would be wrong.
 * - Limits: a unit moved within `minMoveIntervalSeconds` (30 min) is not moved; a unit only goes to
 *   sites its station area allows (`inStationArea`, or `allowSite`); within `maxTravelSeconds`;
 *   no move whose gain is not positive.
 */
import type { LngLat } from '@dispatch/domain';
import {
  coverageTimes,
  estimateTravelTimes,
  haversineMeters,
  travelTimesFrom,
  vertexTimes,
  type TravelCandidate,
  type TravelParams,
} from '@dispatch/routing';
import { drives, inStationArea, type CoverUnit, type SiteRule } from './cover-units.js';
import type { SiteReach, StandbySite } from './standby-sites.js';

/** A free unit as move-up sees it. */
export interface MoveUpUnit extends CoverUnit {
  /** When it was last sent to a standby point or moved up (epoch ms); null or absent: never. */
  readonly lastMovedAt?: number | null;
  /** False: it stays (but still covers where it is). Default true. */
  readonly movable?: boolean;
}

/** Input of {@link recommendMoveUp}. */
export interface MoveUpInput<U extends MoveUpUnit = MoveUpUnit> {
  readonly reach: SiteReach;
  /** The free units after the dispatch: the unit that left is no longer among them. */
  readonly units: readonly U[];
  /** Demand per vertex (`vertexDemandOf`). */
  readonly vertexDemand: Float64Array;
  /** Where the dispatched (or out-of-service) units were. */
  readonly holes: readonly LngLat[];
  /** Epoch ms. */
  readonly now: number;
}

/** Options of {@link recommendMoveUp}. */
export interface MoveUpOptions<U extends MoveUpUnit = MoveUpUnit> {
  /** Default 2. */
  readonly maxMoves?: number;
  /** A unit is not moved again this soon (default 30 min). */
  readonly minMoveIntervalSeconds?: number;
  /** Replaces the station-area rule. */
  readonly allowSite?: SiteRule<U>;
  /** Longest relocation drive (default 10 min). */
  readonly maxTravelSeconds?: number;
  /** Units considered per hole (default 12). */
  readonly shortlist?: number;
  readonly params?: Partial<TravelParams>;
}

/** One recommended relocation. */
export interface MoveUp {
  readonly unitId: string;
  readonly from: LngLat;
  readonly site: StandbySite;
  /** Index into `reach.sites`. */
  readonly siteIndex: number;
  /** Per target of `reach.targetsSeconds`: demand covered after the move minus before. */
  readonly gainWithin: readonly number[];
  /** By road from the unit's position to the site. */
  readonly travelSeconds: number;
}

/** Why a free unit is not moved. Stable codes. */
export type MoveUpExclusion =
  | 'not_movable' // the caller pinned it (movable: false)
  | 'not_driving' // posts, foot patrols and drones are not relocated
  | 'slower_than_site_reach' // drives slower than the sites' reach assumes: its gain would be overstated
  | 'moved_recently'; // moved within minMoveIntervalSeconds

/** Result of {@link recommendMoveUp}. */
export interface MoveUpResult {
  /** In the order chosen; each has a positive gain given the moves before it. */
  readonly moves: readonly MoveUp[];
  /** Per target: demand covered by the free units now, and after all the moves. */
  readonly coveredBefore: readonly number[];
  readonly coveredAfter: readonly number[];
  readonly totalDemand: number;
  readonly excluded: readonly { readonly unitId: string; readonly reason: MoveUpExclusion }[];
  /**
   * Units shortlisted, candidate sites bounded (summed over steps), and (unit, site) pairs
   * evaluated exactly (of how many), for the benchmarks.
   */
  readonly considered: {
    readonly units: number;
    readonly sites: number;
    readonly pairs: number;
    readonly pairsEvaluated: number;
  };
}

export const DEFAULT_MAX_MOVES = 2;
export const DEFAULT_MIN_MOVE_INTERVAL_SECONDS = 30 * 60;
export const DEFAULT_MOVE_UP_TRAVEL_SECONDS = 10 * 60;
export const DEFAULT_MOVE_UP_SHORTLIST = 12;

interface Mover<U> {
  unit: U;
  /** Entries of its reach: vertex and target mask. */
  reachVertices: Int32Array;
  reachWithin: Uint8Array;
  /** Candidate sites and the drive to each. */
  sites: number[];
  travel: number[];
}

/**
 * At most `maxMoves` relocations of idle units that restore the most coverage after a dispatch.
 * Pure and deterministic: same input, same recommendation.
 */
export function recommendMoveUp<U extends MoveUpUnit>(
  input: MoveUpInput<U>,
  options: MoveUpOptions<U> = {},
): MoveUpResult {
  const { reach, units, vertexDemand, holes, now } = input;
  const { network, sites, targetsSeconds: targets, offsets, vertices, within } = reach;
  const T = targets.length;
  const V = network.vertexCount;
  const maxMoves = options.maxMoves ?? DEFAULT_MAX_MOVES;
  const minIntervalMs = (options.minMoveIntervalSeconds ?? DEFAULT_MIN_MOVE_INTERVAL_SECONDS) * 1000;
  const maxTravel = options.maxTravelSeconds ?? DEFAULT_MOVE_UP_TRAVEL_SECONDS;
  const perHole = options.shortlist ?? DEFAULT_MOVE_UP_SHORTLIST;
  const rule: SiteRule<U> = options.allowSite ?? ((unit, site) => inStationArea(unit, site));
  const limit = targets[T - 1]!;

  const excluded: { unitId: string; reason: MoveUpExclusion }[] = [];
  const eligible: U[] = [];
  for (const u of units) {
    const reason = exclusionOf(u, now, minIntervalMs, reach.speedFactor);
    if (reason) excluded.push({ unitId: u.candidate.id, reason });
    else eligible.push(u);
  }
  const chosen = shortlist(network, eligible, holes, perHole, options.params);
  const inShortlist = new Set(chosen);

  // Coverers per vertex and target: the rest of the fleet as one, plus each shortlisted unit.
  const count = new Uint16Array(T * V);
  const rest = units.filter((u) => !inShortlist.has(u)).map((u) => u.candidate);
  const base = coverageTimes(network, rest, {
    limitSeconds: limit,
    ...(options.params ? { params: options.params } : {}),
  });
  if (base) {
    for (let v = 0; v < V; v++) {
      const s = base.seconds[v]!;
      if (s <= limit) for (let t = 0; t < T; t++) if (s <= targets[t]!) count[t * V + v] = 1;
    }
  }
  const siteAtShapeVertex = sites.some((site) => network.vertexNode[site.vertex]! < 0);
  const movers: Mover<U>[] = chosen.map((unit) => moverOf(unit));
  for (const m of movers) addReach(m.reachVertices, m.reachWithin, 1);
  const coveredBefore = coveredNow();

  const moves: MoveUp[] = [];
  const moved = new Set<Mover<U>>();
  let pairsEvaluated = 0;
  let pairsTotal = 0;
  let sitesBounded = 0;
  // Scratch: the reach (target masks) of the mover whose pairs are being evaluated.
  const moverMask = new Uint8Array(V);
  const eps = 1e-9 * Math.max(1, coveredBefore.total);
  while (moves.length < maxMoves) {
    const best = bestMove();
    if (!best) break;
    const { mover, site, gain } = best;
    addReach(mover.reachVertices, mover.reachWithin, -1);
    addReach(
      vertices.subarray(offsets[site]!, offsets[site + 1]!),
      within.subarray(offsets[site]!, offsets[site + 1]!),
      1,
    );
    moved.add(mover);
    moves.push({
      unitId: mover.unit.candidate.id,
      from: mover.unit.candidate.lngLat,
      site: sites[site]!,
      siteIndex: site,
      gainWithin: [...gain],
      travelSeconds: mover.travel[mover.sites.indexOf(site)]!,
    });
  }
  const coveredAfter = coveredNow();
  return {
    moves,
    coveredBefore: coveredBefore.within,
    coveredAfter: coveredAfter.within,
    totalDemand: coveredBefore.total,
    excluded,
    considered: { units: movers.length, sites: sitesBounded, pairs: pairsTotal, pairsEvaluated },
  };

  function moverOf(unit: U): Mover<U> {
    const c = unit.candidate;
    const times = travelTimesFrom(network, [c.lngLat], {
      direction: 'outbound',
      mode: 'drive',
      maxSeconds: Math.max(maxTravel, limit),
      speedFactor: c.speedFactor ?? 1,
      ...(options.params ? { params: options.params } : {}),
    });
    const reachVertices: number[] = [];
    const reachWithin: number[] = [];
    const candidateSites: number[] = [];
    const travel: number[] = [];
    if (times) {
      // Per-vertex times only up to the largest target (expanding the whole drive horizon costs
      // several times more); sites at graph nodes read the node times of the same search.
      const { seconds } = vertexTimes(times, limit);
      for (let v = 0; v < V; v++) {
        const s = seconds[v]!;
        if (!(s <= limit)) continue;
        let mask = 0;
        for (let t = 0; t < T; t++) if (s <= targets[t]!) mask |= 1 << t;
        reachVertices.push(v);
        reachWithin.push(mask);
      }
      const far = siteAtShapeVertex ? vertexTimes(times, maxTravel).seconds : null;
      sites.forEach((site, i) => {
        const node = network.vertexNode[site.vertex]!;
        const s = node >= 0 ? times.seconds[node]! : far![site.vertex]!;
        if (s <= maxTravel && s > 0 && rule(unit, site)) {
          candidateSites.push(i);
          travel.push(s);
        }
      });
    }
    return {
      unit,
      reachVertices: Int32Array.from(reachVertices),
      reachWithin: Uint8Array.from(reachWithin),
      sites: candidateSites,
      travel,
    };
  }

  function addReach(vs: Int32Array, masks: Uint8Array, delta: 1 | -1): void {
    for (let j = 0; j < vs.length; j++) {
      const v = vs[j]!;
      const mask = masks[j]!;
      for (let t = 0; t < T; t++) if (mask & (1 << t)) count[t * V + v] = count[t * V + v]! + delta;
    }
  }

  function coveredNow(): { within: number[]; total: number } {
    const out = new Float64Array(T);
    let total = 0;
    for (let v = 0; v < V; v++) {
      const d = vertexDemand[v]!;
      if (!(d > 0)) continue;
      total += d;
      for (let t = 0; t < T; t++) if (count[t * V + v]! > 0) out[t] = out[t]! + d;
    }
    return { within: [...out], total };
  }

  /** Lexicographic from the largest target down: is gain `a` better than `b`? */
  function better(a: Float64Array, b: Float64Array | null): boolean {
    for (let t = T - 1; t >= 0; t--) {
      const y = b ? b[t]! : 0;
      if (a[t]! > y + eps) return true;
      if (a[t]! < y - eps) return false;
    }
    return false;
  }

  function bestMove(): { mover: Mover<U>; site: number; gain: Float64Array } | null {
    const active = movers.filter((m) => !moved.has(m));
    // Per target: what only each unit covers (lost when it leaves) ...
    const loss = active.map((m) => {
      const sum = new Float64Array(T);
      for (let j = 0; j < m.reachVertices.length; j++) {
        const v = m.reachVertices[j]!;
        const mask = m.reachWithin[j]!;
        for (let t = 0; t < T; t++)
          if (mask & (1 << t) && count[t * V + v] === 1) sum[t] = sum[t]! + vertexDemand[v]!;
      }
      return sum;
    });
    // ... and per site, the demand within its reach nobody covers (`open`) and at most one unit
    // covers (`thin`). A move of u to s gains at most `open` (what s newly covers, less what only
    // u covered elsewhere) and at most `thin` minus u's loss: both bound the exact gain.
    const siteBounds = new Map<number, { open: Float64Array; thin: Float64Array }>();
    for (const m of active)
      for (const s of m.sites) {
        if (siteBounds.has(s)) continue;
        const open = new Float64Array(T);
        const thin = new Float64Array(T);
        if (T === 2) boundsOfSite2(s, open, thin);
        else
          for (let j = offsets[s]!; j < offsets[s + 1]!; j++) {
            const v = vertices[j]!;
            const mask = within[j]!;
            const d = vertexDemand[v]!;
            for (let t = 0; t < T; t++) {
              if (!(mask & (1 << t))) continue;
              const c = count[t * V + v]!;
              if (c === 0) open[t] = open[t]! + d;
              if (c <= 1) thin[t] = thin[t]! + d;
            }
          }
        siteBounds.set(s, { open, thin });
      }
    const pairs: { m: number; s: number; travel: number; bound: Float64Array }[] = [];
    active.forEach((m, mi) =>
      m.sites.forEach((s, k) => {
        const { open, thin } = siteBounds.get(s)!;
        const bound = open.map((o, t) => Math.min(o, thin[t]! - loss[mi]![t]!));
        pairs.push({ m: mi, s, travel: m.travel[k]!, bound });
      }),
    );
    sitesBounded += siteBounds.size;
    pairsTotal += pairs.length;
    // Best bound first (largest target first); ties: shorter drive, shortlist order, site order.
    pairs.sort((a, b) => {
      for (let t = T - 1; t >= 0; t--) if (a.bound[t] !== b.bound[t]) return b.bound[t]! - a.bound[t]!;
      return a.travel - b.travel || a.m - b.m || a.s - b.s;
    });
    let best: { mover: Mover<U>; site: number; gain: Float64Array; travel: number } | null = null;
    let current = -1;
    const gain = new Float64Array(T);
    for (const p of pairs) {
      // Bounds only fall from here: once the best beats a bound (or, before there is a best, a
      // bound gains nothing), no later pair can win. Ties within eps are still looked at.
      if (best ? better(best.gain, p.bound) : !better(p.bound, null)) break;
      if (p.m !== current) {
        setMask(current, 0);
        current = p.m;
        setMask(current, 1);
      }
      pairsEvaluated++;
      evaluate(loss[p.m]!, p.s, gain);
      const wins = best
        ? better(gain, best.gain) || (!better(best.gain, gain) && p.travel < best.travel)
        : true;
      if (wins && better(gain, null))
        best = { mover: active[p.m]!, site: p.s, gain: gain.slice(), travel: p.travel };
    }
    setMask(current, 0);
    return best;

    function setMask(mi: number, on: 0 | 1): void {
      if (mi < 0) return;
      const m = active[mi]!;
      for (let j = 0; j < m.reachVertices.length; j++)
        moverMask[m.reachVertices[j]!] = on ? m.reachWithin[j]! : 0;
    }
  }

  /**
   * `open` and `thin` of site `s` for the usual two targets (3 and 5 minutes): the same sums as the
   * general loop, with the per-target loop unrolled; this scan is most of a move-up's time.
   */
  function boundsOfSite2(s: number, open: Float64Array, thin: Float64Array): void {
    let open0 = 0;
    let open1 = 0;
    let thin0 = 0;
    let thin1 = 0;
    const end = offsets[s + 1]!;
    for (let j = offsets[s]!; j < end; j++) {
      const v = vertices[j]!;
      const mask = within[j]!;
      const d = vertexDemand[v]!;
      if (mask & 1) {
        const c = count[v]!;
        if (c === 0) open0 += d;
        if (c <= 1) thin0 += d;
      }
      if (mask & 2) {
        const c = count[V + v]!;
        if (c === 0) open1 += d;
        if (c <= 1) thin1 += d;
      }
    }
    open[0] = open0;
    open[1] = open1;
    thin[0] = thin0;
    thin[1] = thin1;
  }

  /**
   * Exact coverage change of moving the mover to site `s`: what `s` newly covers (the mover's mask
   * set in `moverMask`: where it covers now, it stops) less `loss`, what only the mover covers now.
   */
  function evaluate(loss: Float64Array, s: number, out: Float64Array): void {
    for (let t = 0; t < T; t++) out[t] = -loss[t]!;
    for (let j = offsets[s]!; j < offsets[s + 1]!; j++) {
      const v = vertices[j]!;
      const mask = within[j]!;
      const mine = moverMask[v]!;
      const d = vertexDemand[v]!;
      for (let t = 0; t < T; t++) {
        const bit = 1 << t;
        if (mask & bit && count[t * V + v]! - (mine & bit ? 1 : 0) === 0) out[t] = out[t]! + d;
      }
    }
  }
}

function exclusionOf(
  u: MoveUpUnit,
  now: number,
  minIntervalMs: number,
  reachSpeedFactor: number,
): MoveUpExclusion | null {
  if (u.movable === false) return 'not_movable';
  if (!drives(u)) return 'not_driving';
  if ((u.candidate.speedFactor ?? 1) < reachSpeedFactor) return 'slower_than_site_reach';
  if (u.lastMovedAt !== null && u.lastMovedAt !== undefined && now - u.lastMovedAt < minIntervalMs)
    return 'moved_recently';
  return null;
}

/**
 * The eligible units nearest each hole by road: the `4 * perHole` nearest in a straight line, then
 * the `perHole` first of those by road time to the hole. Union over the holes, in hole order.
 */
function shortlist<U extends MoveUpUnit>(
  network: SiteReach['network'],
  eligible: readonly U[],
  holes: readonly LngLat[],
  perHole: number,
  params: Partial<TravelParams> | undefined,
): U[] {
  const out: U[] = [];
  const seen = new Set<U>();
  for (const hole of holes) {
    const near = eligible
      .map((u, i) => ({ u, i, d: haversineMeters(u.candidate.lngLat, hole) }))
      .sort((a, b) => a.d - b.d || a.i - b.i)
      .slice(0, 4 * perHole);
    const byId = new Map(near.map((x) => [x.u.candidate.id, x.u]));
    const candidates: TravelCandidate[] = near.map((x) => x.u.candidate);
    const ranked = estimateTravelTimes(network, hole, candidates, {
      k: perHole,
      ...(params ? { params } : {}),
    });
    for (const e of ranked.slice(0, perHole)) {
      const u = byId.get(e.id);
      if (!e.reachable || !u || seen.has(u)) continue;
      seen.add(u);
      out.push(u);
    }
  }
  return out;
}
