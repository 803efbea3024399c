/** Following a polyline: where a vehicle is after covering some metres of its route. */
import type { LngLat } from '@dispatch/domain';
import { haversineMeters } from '@dispatch/routing';

export interface Path {
  coordinates: readonly LngLat[];
  /** Cumulative metres at each coordinate (first is 0). */
  cumulative: readonly number[];
  lengthMeters: number;
}

export function makePath(coordinates: readonly LngLat[]): Path {
  const cumulative = [0];
  for (let i = 1; i < coordinates.length; i++) {
    cumulative.push(cumulative[i - 1]! + haversineMeters(coordinates[i - 1]!, coordinates[i]!));
  }
  return { coordinates, cumulative, lengthMeters: cumulative[cumulative.length - 1] ?? 0 };
}

/** Initial bearing from `a` to `b`, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: LngLat, b: LngLat): number {
  const toRad = Math.PI / 180;
  const [lng1, lat1] = [a[0] * toRad, a[1] * toRad];
  const [lng2, lat2] = [b[0] * toRad, b[1] * toRad];
  const y = Math.sin(lng2 - lng1) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(lng2 - lng1);
  const deg = (Math.atan2(y, x) / toRad + 360) % 360;
  return Math.round(deg * 10) / 10 === 360 ? 0 : deg;
}

/** Position and heading after `meters` along the path (clamped to its ends). */
export function pointAlong(path: Path, meters: number): { lngLat: LngLat; headingDeg: number | null } {
  const coords = path.coordinates;
  if (coords.length === 0) throw new Error('empty path');
  if (coords.length === 1 || meters <= 0) {
    return { lngLat: coords[0]!, headingDeg: coords.length > 1 ? bearingDeg(coords[0]!, coords[1]!) : null };
  }
  if (meters >= path.lengthMeters) {
    const n = coords.length;
    return { lngLat: coords[n - 1]!, headingDeg: bearingDeg(coords[n - 2]!, coords[n - 1]!) };
  }
  // Binary search for the segment containing `meters`.
  let lo = 0;
  let hi = path.cumulative.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (path.cumulative[mid]! <= meters) lo = mid;
    else hi = mid;
  }
  const a = coords[lo]!;
  const b = coords[hi]!;
  const span = path.cumulative[hi]! - path.cumulative[lo]!;
  const f = span > 0 ? (meters - path.cumulative[lo]!) / span : 0;
  return {
    lngLat: [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f],
    headingDeg: bearingDeg(a, b),
  };
}
