/**
 * Planar geometry on plain `[x, y]` pairs. The generator works in local meters (x east, y north)
 * and the same functions serve the exported lng/lat geometry (point in polygon, areas).
 */

/** A point in local meters, or any planar `[x, y]` pair. */
export type XY = readonly [x: number, y: number];

export function distance(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

export function lerp(a: XY, b: XY, t: number): XY {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** Length of a polyline. */
export function polylineLength(points: readonly XY[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += distance(points[i - 1] as XY, points[i] as XY);
  return sum;
}

/** The point `s` meters along a polyline (clamped to its ends). */
export function pointAlong(points: readonly XY[], s: number): XY {
  let left = s;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as XY;
    const b = points[i] as XY;
    const len = distance(a, b);
    if (left <= len && len > 0) return lerp(a, b, left / len);
    left -= len;
  }
  return points[points.length - 1] ?? [0, 0];
}

/**
 * Parameters `t` on p1-p2 and `u` on p3-p4 where the two segments meet (ends included, with a
 * relative tolerance), or null when they miss each other or are parallel.
 */
export function segmentIntersection(
  p1: XY,
  p2: XY,
  p3: XY,
  p4: XY,
  eps = 1e-9,
): { t: number; u: number } | null {
  const d1x = p2[0] - p1[0];
  const d1y = p2[1] - p1[1];
  const d2x = p4[0] - p3[0];
  const d2y = p4[1] - p3[1];
  const denom = d1x * d2y - d1y * d2x;
  const scale = Math.hypot(d1x, d1y) * Math.hypot(d2x, d2y);
  if (scale === 0 || Math.abs(denom) <= 1e-12 * scale) return null;
  const ex = p3[0] - p1[0];
  const ey = p3[1] - p1[1];
  const t = (ex * d2y - ey * d2x) / denom;
  const u = (ex * d1y - ey * d1x) / denom;
  if (t < -eps || t > 1 + eps || u < -eps || u > 1 + eps) return null;
  return { t: Math.min(1, Math.max(0, t)), u: Math.min(1, Math.max(0, u)) };
}

/** Distance from `p` to the segment a-b. */
export function distanceToSegment(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/**
 * Ray casting (crossing number) test. The half-open edge rule makes a point on an edge shared by
 * two polygons of a tiling fall in exactly one of them. The ring may be closed or not.
 */
export function pointInRing(point: XY, ring: readonly XY[]): boolean {
  const [px, py] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as XY;
    const b = ring[j] as XY;
    if (a[1] > py !== b[1] > py) {
      const xCross = a[0] + ((py - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
      if (px < xCross) inside = !inside;
    }
  }
  return inside;
}

/** Shoelace area, positive for a counter-clockwise ring (x east, y north). */
export function signedRingArea(ring: readonly XY[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as XY;
    const b = ring[j] as XY;
    sum += (b[0] - a[0]) * (b[1] + a[1]);
  }
  return sum / 2;
}

/** Area centroid of a simple ring. */
export function ringCentroid(ring: readonly XY[]): XY {
  let cx = 0;
  let cy = 0;
  let area2 = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as XY;
    const b = ring[i] as XY;
    const cross = a[0] * b[1] - b[0] * a[1];
    area2 += cross;
    cx += (a[0] + b[0]) * cross;
    cy += (a[1] + b[1]) * cross;
  }
  return area2 === 0 ? (ring[0] ?? [0, 0]) : [cx / (3 * area2), cy / (3 * area2)];
}
