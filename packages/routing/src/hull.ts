import concaveman from 'concaveman';
import type { LocalProjection } from './geo.js';

/** Half-width in meters of the square drawn around a point set too small for a hull. */
const MIN_HALF_WIDTH_METERS = 10;

function signedArea(ring: readonly number[][]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return a / 2;
}

/** Closes a ring and orients it counter-clockwise (RFC 7946 exterior ring). */
function closedCcw(ring: number[][]): number[][] {
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  const closed = first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
  return signedArea(closed) < 0 ? closed.reverse() : closed;
}

function boxAround(points: readonly number[][]): number[][] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x!);
    minY = Math.min(minY, y!);
    maxX = Math.max(maxX, x!);
    maxY = Math.max(maxY, y!);
  }
  const h = MIN_HALF_WIDTH_METERS;
  return [
    [minX - h, minY - h],
    [maxX + h, minY - h],
    [maxX + h, maxY + h],
    [minX - h, maxY + h],
  ];
}

/**
 * Concave hull (concaveman; edges shorter than `lengthThreshold` meters are not refined) of planar
 * points in meters, returned as a closed CCW ring in
 * `[lng, lat]`. Fewer than 3 points, or a collinear set, gives a small box around them instead.
 */
export function hullRing(
  points: number[][],
  proj: LocalProjection,
  concavity: number,
  lengthThreshold: number,
): number[][] {
  let ring = points.length >= 3 ? concaveman(points, concavity, lengthThreshold) : [];
  if (ring.length < 4 || Math.abs(signedArea(ring)) < 1) ring = boxAround(points);
  const lngLat = ring.map(([x, y]) => [proj.lng0 + x! / proj.mPerDegLng, proj.lat0 + y! / proj.mPerDegLat]);
  return closedCcw(lngLat);
}
