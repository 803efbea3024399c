import type { LngLat } from '@dispatch/domain';

/** Mean Earth radius (IUGG), meters. */
export const EARTH_RADIUS_METERS = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in meters between two `[lng, lat]` points. */
export function haversineMeters(a: LngLat, b: LngLat): number {
  return haversineRaw(a[0], a[1], b[0], b[1]);
}

/** {@link haversineMeters} on raw numbers, for hot loops over typed arrays. */
export function haversineRaw(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** True for a finite `[lng, lat]` inside WGS84 bounds. */
export function isValidLngLat(p: unknown): p is LngLat {
  if (!Array.isArray(p) || p.length < 2) return false;
  const [lng, lat] = p as unknown[];
  return (
    typeof lng === 'number' &&
    typeof lat === 'number' &&
    Number.isFinite(lng) &&
    Number.isFinite(lat) &&
    lng >= -180 &&
    lng <= 180 &&
    lat >= -90 &&
    lat <= 90
  );
}

/**
 * Local equirectangular plane in meters around a reference latitude. Linear in lng/lat, so a
 * fraction along a projected segment is the same fraction in lng/lat; distortion is well below
 * 1% across a city, which is all snapping needs (reported lengths use haversine).
 */
export interface LocalProjection {
  readonly lng0: number;
  readonly lat0: number;
  /** Meters per degree of longitude at `lat0`. */
  readonly mPerDegLng: number;
  /** Meters per degree of latitude. */
  readonly mPerDegLat: number;
}

/** A projection centred on `[lng0, lat0]`. */
export function localProjection(lng0: number, lat0: number): LocalProjection {
  const mPerDegLat = EARTH_RADIUS_METERS * RAD;
  return { lng0, lat0, mPerDegLat, mPerDegLng: mPerDegLat * Math.cos(lat0 * RAD) };
}

/** Projected x (meters east of `lng0`). */
export function projectX(p: LocalProjection, lng: number): number {
  return (lng - p.lng0) * p.mPerDegLng;
}

/** Projected y (meters north of `lat0`). */
export function projectY(p: LocalProjection, lat: number): number {
  return (lat - p.lat0) * p.mPerDegLat;
}

/**
 * Fraction `t` in [0, 1] of the closest point to (px, py) on segment (ax, ay)-(bx, by).
 * A zero-length segment gives 0.
 */
export function closestFraction(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return 0;
  const t = ((px - ax) * dx + (py - ay) * dy) / len2;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** Linear interpolation between two `[lng, lat]` points (exact along a straight graph segment). */
export function lerpLngLat(lng1: number, lat1: number, lng2: number, lat2: number, t: number): LngLat {
  return [lng1 + (lng2 - lng1) * t, lat1 + (lat2 - lat1) * t];
}
