import type { RoadNetwork } from './network.js';
import { driveProfile, walkProfile } from './profile.js';
import { buildSinkSet, type Sink, type SinkSet } from './sink-search.js';
import { snapPoint, type Snap } from './snap.js';
import {
  DEFAULT_TRAVEL_PARAMS,
  type TravelCandidate,
  type TravelMode,
  type TravelParams,
} from './travel-types.js';
import { isValidLngLat } from './geo.js';

/** Candidates of one mode that travel on the graph, with their sinks (same order). */
export interface GraphGroup {
  /** Indices into `PreparedCandidates.candidates`. */
  readonly indices: readonly number[];
  readonly set: SinkSet;
  /** Per member: range in meters (Infinity for drivers). */
  readonly rangeMeters: Float64Array;
}

/**
 * Candidates snapped and indexed by graph node, ready for many targets. Build it when unit
 * positions change, not per incident: snapping is the costly part.
 */
export interface PreparedCandidates {
  readonly network: RoadNetwork | null;
  readonly params: TravelParams;
  readonly candidates: readonly TravelCandidate[];
  readonly drive: GraphGroup | null;
  readonly walk: GraphGroup | null;
}

/** A usable network: loaded and not empty. */
export function usableNetwork(net: RoadNetwork | null | undefined): net is RoadNetwork {
  return !!net && net.segmentCount > 0;
}

/** The mode of a candidate (default drive). */
export function modeOf(c: TravelCandidate): TravelMode {
  return c.mode ?? 'drive';
}

/** `value` when a finite positive number, else `fallback`. */
export function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** A candidate's walking speed and range with defaults applied. */
export function walkSpec(c: TravelCandidate, p: TravelParams): { speedMps: number; rangeMeters: number } {
  return {
    speedMps: positive(c.speedMps, p.walkSpeedMps),
    rangeMeters: c.maxRangeMeters ?? p.walkMaxRangeMeters,
  };
}

/** Snaps every drive/walk candidate of `candidates` once and indexes them by entry node. */
export function prepareCandidates(
  network: RoadNetwork | null | undefined,
  candidates: readonly TravelCandidate[],
  params: Partial<TravelParams> = {},
): PreparedCandidates {
  return prepareWith(network, candidates, { ...DEFAULT_TRAVEL_PARAMS, ...params }, null);
}

/** Snaps (or misses) of a preparation, by mode and position: a snap depends on nothing else. */
const snapsOf = new WeakMap<PreparedCandidates, Map<string, Snap | null>>();

function snapKey(mode: 'drive' | 'walk', lngLat: readonly number[]): string {
  return `${mode}:${lngLat[0]}:${lngLat[1]}`;
}

function snapFor(
  net: RoadNetwork,
  p: TravelParams,
  mode: 'drive' | 'walk',
  lngLat: TravelCandidate['lngLat'],
) {
  return snapPoint(net, lngLat, {
    profile: mode,
    components: p.components,
    maxDistanceMeters: p.maxSnapMeters,
  });
}

/**
 * Same result as `prepareCandidates(previous.network, candidates, previous.params)`, but only the
 * candidates whose mode or position is new since `previous` are snapped again (the costly part);
 * the node index is rebuilt. Pass `network` to detect a reloaded road network (then everything
 * is snapped afresh).
 */
export function updatePreparedCandidates(
  previous: PreparedCandidates,
  candidates: readonly TravelCandidate[],
  network: RoadNetwork | null | undefined = previous.network,
): PreparedCandidates {
  const reuse = network === previous.network ? (snapsOf.get(previous) ?? null) : null;
  return prepareWith(network, candidates, previous.params, reuse);
}

/** Places an update of a preparation would have to snap, snapped a few at a time. */
export interface SnapBacklog {
  /** Snaps at most `budget` more places; returns how many are left. */
  snap(budget: number): number;
}

/**
 * The snapping that `updatePreparedCandidates(previous, candidates)` would do (units new or moved
 * since `previous`), as a backlog to work off ahead of time: lets a server spread the snapping of
 * a moved fleet over short slices between requests, after which the update snaps nothing. Only
 * snaps by place are cached: the result is the same either way. Counts are of distinct places.
 */
export function snapBacklog(
  previous: PreparedCandidates,
  candidates: readonly TravelCandidate[],
): SnapBacklog {
  const net = previous.network;
  const cache = snapsOf.get(previous);
  if (!usableNetwork(net) || !cache) return { snap: () => 0 };
  const p = previous.params;
  const pending = new Map<string, { mode: 'drive' | 'walk'; lngLat: TravelCandidate['lngLat'] }>();
  for (const c of candidates) {
    const mode = modeOf(c);
    if ((mode !== 'drive' && mode !== 'walk') || !isValidLngLat(c.lngLat)) continue;
    const key = snapKey(mode, c.lngLat);
    if (!cache.has(key)) pending.set(key, { mode, lngLat: c.lngLat });
  }
  const queue = [...pending];
  let next = 0;
  return {
    snap(budget: number): number {
      for (const end = Math.min(queue.length, next + Math.max(0, budget)); next < end; next++) {
        const [key, { mode, lngLat }] = queue[next]!;
        if (cache.has(key)) continue;
        cache.set(key, snapFor(net, p, mode, lngLat));
      }
      return queue.length - next;
    },
  };
}

function prepareWith(
  network: RoadNetwork | null | undefined,
  candidates: readonly TravelCandidate[],
  p: TravelParams,
  reuse: ReadonlyMap<string, Snap | null> | null,
): PreparedCandidates {
  if (!usableNetwork(network)) return { network: null, params: p, candidates, drive: null, walk: null };
  const net = network;
  const snaps = new Map<string, Snap | null>();
  const group = (mode: 'drive' | 'walk'): GraphGroup | null => {
    const indices: number[] = [];
    const sinks: Sink[] = [];
    const range: number[] = [];
    candidates.forEach((c, i) => {
      if (modeOf(c) !== mode || !isValidLngLat(c.lngLat)) return;
      const key = snapKey(mode, c.lngLat);
      let snap = snaps.get(key) ?? reuse?.get(key);
      if (snap === undefined) snap = snapFor(net, p, mode, c.lngLat);
      snaps.set(key, snap);
      if (!snap) return; // left to the straight-line fallback
      indices.push(i);
      if (mode === 'drive') {
        const factor = positive(c.speedFactor, 1);
        const offsetSeconds = snap.offsetMeters / p.offRoadDriveSpeedMps;
        const access = 1 / p.accessWalkSpeedMps;
        sinks.push({
          snap,
          scale: 1 / factor,
          offsetSeconds,
          offsetMeters: snap.offsetMeters,
          accessSecondsPerMeter: access,
        });
        range.push(Infinity);
      } else {
        const { speedMps, rangeMeters } = walkSpec(c, p);
        const offsetSeconds = snap.offsetMeters / speedMps;
        const access = 1 / speedMps;
        sinks.push({
          snap,
          scale: 1 / speedMps,
          offsetSeconds,
          offsetMeters: snap.offsetMeters,
          accessSecondsPerMeter: access,
        });
        range.push(rangeMeters);
      }
    });
    if (indices.length === 0) return null;
    const profile = mode === 'drive' ? driveProfile(net) : walkProfile(net);
    return { indices, set: buildSinkSet(net, profile, sinks), rangeMeters: Float64Array.from(range) };
  };
  const prepared: PreparedCandidates = {
    network: net,
    params: p,
    candidates,
    drive: group('drive'),
    walk: group('walk'),
  };
  snapsOf.set(prepared, snaps);
  return prepared;
}
