import type { RoadNetwork } from './network.js';
import { driveProfile, walkProfile } from './profile.js';
import { buildSinkSet, type Sink, type SinkSet } from './sink-search.js';
import { snapPoint } from './snap.js';
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
  const p: TravelParams = { ...DEFAULT_TRAVEL_PARAMS, ...params };
  if (!usableNetwork(network)) return { network: null, params: p, candidates, drive: null, walk: null };
  const net = network;
  const group = (mode: 'drive' | 'walk'): GraphGroup | null => {
    const indices: number[] = [];
    const sinks: Sink[] = [];
    const range: number[] = [];
    candidates.forEach((c, i) => {
      if (modeOf(c) !== mode || !isValidLngLat(c.lngLat)) return;
      const snap = snapPoint(net, c.lngLat, {
        profile: mode,
        components: p.components,
        maxDistanceMeters: p.maxSnapMeters,
      });
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
  return { network: net, params: p, candidates, drive: group('drive'), walk: group('walk') };
}
