/** Name of the named road nearest to a point, for a default address after a map click. */
import type { RoadFeatureCollection } from '../api/endpoints.js';

/** Squared distance (in local metres-ish units) from p to segment ab; x scaled by cos(lat). */
function segmentDistanceSq(
  p: readonly number[],
  a: readonly number[],
  b: readonly number[],
  kx: number,
): number {
  const px = (p[0] as number) * kx;
  const py = p[1] as number;
  const ax = (a[0] as number) * kx;
  const ay = a[1] as number;
  const bx = (b[0] as number) * kx;
  const by = b[1] as number;
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
  const cx = ax + t * dx - px;
  const cy = ay + t * dy - py;
  return cx * cx + cy * cy;
}

/** Nearest named road within `maxMeters`, or null. */
export function nearestRoadName(
  roads: RoadFeatureCollection | null,
  lngLat: readonly [number, number],
  maxMeters = 300,
): string | null {
  if (!roads) return null;
  const kx = Math.cos((lngLat[1] * Math.PI) / 180);
  const maxDeg = maxMeters / 111_320;
  let best: string | null = null;
  let bestSq = maxDeg * maxDeg;
  for (const feature of roads.features) {
    const name = feature.properties?.name;
    if (!name || feature.geometry?.type !== 'LineString') continue;
    const coords = feature.geometry.coordinates;
    for (let i = 1; i < coords.length; i += 1) {
      const d = segmentDistanceSq(lngLat, coords[i - 1] as number[], coords[i] as number[], kx);
      if (d < bestSq) {
        bestSq = d;
        best = name;
      }
    }
  }
  return best;
}
