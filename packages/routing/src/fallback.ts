import type { LngLat } from '@dispatch/domain';
import { haversineMeters } from './geo.js';
import { positive, walkSpec } from './candidates.js';
import type { TravelCandidate, TravelEstimate, TravelParams, UnreachableReason } from './travel-types.js';

/** An unreachable estimate with its reason. */
export function unreachable(
  c: TravelCandidate,
  method: TravelEstimate['method'],
  reason: UnreachableReason,
): TravelEstimate {
  return {
    id: c.id,
    mode: c.mode ?? 'drive',
    etaSeconds: Infinity,
    distanceMeters: Infinity,
    method,
    reachable: false,
    reason,
  };
}

/** A reachable estimate, turned unreachable when beyond `maxSeconds`. */
export function estimate(
  c: TravelCandidate,
  method: TravelEstimate['method'],
  etaSeconds: number,
  distanceMeters: number,
  maxSeconds: number,
): TravelEstimate {
  if (!Number.isFinite(etaSeconds)) return unreachable(c, method, 'no_path');
  if (etaSeconds > maxSeconds) return unreachable(c, method, 'beyond_max_seconds');
  return {
    id: c.id,
    mode: c.mode ?? 'drive',
    etaSeconds,
    distanceMeters,
    method,
    reachable: true,
    reason: null,
  };
}

/**
 * Drone: straight flight at its speed after the take-off delay; out of range is unreachable.
 */
export function flightEstimate(
  c: TravelCandidate,
  target: LngLat,
  p: TravelParams,
  maxSeconds: number,
): TravelEstimate {
  const meters = haversineMeters(c.lngLat, target);
  if (meters > (c.maxRangeMeters ?? p.flyMaxRangeMeters)) return unreachable(c, 'flight', 'out_of_range');
  const speed = positive(c.speedMps, p.flySpeedMps);
  const takeoff =
    c.takeoffSeconds !== undefined && c.takeoffSeconds >= 0 ? c.takeoffSeconds : p.flyTakeoffSeconds;
  return estimate(c, 'flight', takeoff + meters / speed, meters, maxSeconds);
}

/**
 * No usable road network (or the unit/target is too far from any road): haversine times a detour
 * factor at an assumed speed, flagged `straight_line` so the console can say it is a rough figure.
 */
export function straightLineEstimate(
  c: TravelCandidate,
  target: LngLat,
  p: TravelParams,
  maxSeconds: number,
): TravelEstimate {
  const crow = haversineMeters(c.lngLat, target);
  if ((c.mode ?? 'drive') === 'walk') {
    const { speedMps, rangeMeters } = walkSpec(c, p);
    const meters = crow * p.walkDetourFactor;
    if (meters > rangeMeters) return unreachable(c, 'straight_line', 'out_of_range');
    return estimate(c, 'straight_line', meters / speedMps, meters, maxSeconds);
  }
  const meters = crow * p.detourFactor;
  const speed = positive(c.speedMps, p.driveFallbackSpeedMps) * positive(c.speedFactor, 1);
  return estimate(c, 'straight_line', meters / speed, meters, maxSeconds);
}
