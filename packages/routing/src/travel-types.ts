import type { LngLat } from '@dispatch/domain';
import type { ComponentPolicy } from './snap.js';

/** How a unit moves: by road, on foot (fixed posts) or by air (drones). */
export type TravelMode = 'drive' | 'walk' | 'fly';

/**
 * How an estimate was made: `road` (driving on the graph), `walk` (on foot along roads), `flight`
 * (straight at drone speed) or `straight_line` (no usable road network: haversine times a detour
 * factor at an assumed speed; shown to the user as a rough figure).
 */
export type TravelMethod = 'road' | 'walk' | 'flight' | 'straight_line';

/** Why a candidate is not reachable. Stable codes. */
export type UnreachableReason =
  | 'no_path' // the road graph has no way from the unit to the target (one-way trap, island)
  | 'beyond_max_seconds' // slower than the `maxSeconds` asked for
  | 'not_in_top_k' // the search stopped once the best k drivers were certain
  | 'out_of_range' // walking/flight distance beyond the unit's range
  | 'invalid_position'; // unit or target position is not a valid [lng, lat]

/** A unit that might answer an incident. */
export interface TravelCandidate {
  readonly id: string;
  readonly lngLat: LngLat;
  /** Default `drive`. */
  readonly mode?: TravelMode;
  /** Walk/fly: own speed. Drive: average speed of the straight-line fallback only. */
  readonly speedMps?: number;
  /** Drive: multiplies every road speed (e.g. 1.15 for a motorcycle in traffic). Default 1. */
  readonly speedFactor?: number;
  /** Walk/fly: farthest distance the unit may cover (walk: along roads incl. off-road bits). */
  readonly maxRangeMeters?: number;
  /** Fly: seconds from the order to being airborne. */
  readonly takeoffSeconds?: number;
}

/**
 * Travel time of one candidate to the target. When `reachable` is false, `etaSeconds` and
 * `distanceMeters` are Infinity and `reason` says why.
 */
export interface TravelEstimate {
  readonly id: string;
  readonly mode: TravelMode;
  readonly etaSeconds: number;
  readonly distanceMeters: number;
  readonly method: TravelMethod;
  readonly reachable: boolean;
  readonly reason: UnreachableReason | null;
}

/**
 * Modelling constants. Off-road choice: the unit's distance to its snap point is covered at
 * `offRoadDriveSpeedMps` (slow manoeuvring out of a yard, or GPS noise: it should cost a little,
 * not decide the ranking), the incident's distance from its road at `accessWalkSpeedMps` (the
 * officer parks and walks in); walkers cover both at their own speed.
 */
export interface TravelParams {
  readonly walkSpeedMps: number;
  readonly walkMaxRangeMeters: number;
  /** Straight-line walking (no walking graph near the post): haversine times this. */
  readonly walkDetourFactor: number;
  readonly flySpeedMps: number;
  readonly flyTakeoffSeconds: number;
  readonly flyMaxRangeMeters: number;
  /** Straight-line driving fallback: haversine times this, at `driveFallbackSpeedMps`. */
  readonly detourFactor: number;
  readonly driveFallbackSpeedMps: number;
  readonly offRoadDriveSpeedMps: number;
  readonly accessWalkSpeedMps: number;
  /** Points farther than this from any road are not snapped (straight-line fallback). */
  readonly maxSnapMeters: number;
  readonly components: ComponentPolicy;
}

/** Defaults for {@link TravelParams}. */
export const DEFAULT_TRAVEL_PARAMS: TravelParams = {
  walkSpeedMps: 1.4,
  walkMaxRangeMeters: 1200,
  walkDetourFactor: 1.3,
  flySpeedMps: 15,
  flyTakeoffSeconds: 20,
  flyMaxRangeMeters: 8000,
  detourFactor: 1.3,
  driveFallbackSpeedMps: 30 / 3.6,
  offRoadDriveSpeedMps: 5,
  accessWalkSpeedMps: 1.4,
  maxSnapMeters: 500,
  components: 'prefer_largest',
};

/** A route: the estimate plus the path as `[lng, lat]` points from the unit to the target. */
export interface TravelRoute extends TravelEstimate {
  readonly coordinates: LngLat[];
}
