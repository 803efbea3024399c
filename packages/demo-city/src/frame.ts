/**
 * The city frame: extent, inner and outer ring roads and the river, all in local meters around
 * the centre. Rings are star-shaped polygons with one vertex per fixed angle step, so "inside the
 * ring" is an exact O(1) test against the very polyline the ring road follows.
 */
import type { XY } from './geometry.js';
import type { Rng } from './prng.js';
import { buildRiver, type River } from './river.js';

export interface StarRing {
  /** Vertex i sits at angle 2πi/n (counter-clockwise from east) and this radius. */
  readonly radii: readonly number[];
}

export interface CityFrame {
  /** Linear size factor: sqrt of the scale option. */
  readonly k: number;
  readonly halfWidth: number;
  readonly halfHeight: number;
  /** Roads stay this far inside the bounding box. */
  readonly marginMeters: number;
  readonly inner: StarRing;
  readonly outer: StarRing;
  readonly innerHalfAxes: XY;
  readonly outerHalfAxes: XY;
  readonly river: River;
}

function starRing(rng: Rng, n: number, baseRadius: (theta: number) => number): StarRing {
  const harmonics = [2, 3, 5].map((h) => ({
    h,
    amp: rng.range(0.004, 0.018),
    phase: rng.range(0, 2 * Math.PI),
  }));
  const radii: number[] = [];
  for (let i = 0; i < n; i++) {
    const theta = (2 * Math.PI * i) / n;
    let f = 1;
    for (const { h, amp, phase } of harmonics) f += amp * Math.sin(h * theta + phase);
    radii.push(baseRadius(theta) * f);
  }
  return { radii };
}

/** Builds the frame for a city of the given scale. */
export function buildFrame(rng: Rng, scale: number): CityFrame {
  const k = Math.sqrt(scale);
  const innerHalfAxes: XY = [rng.range(1500, 1700) * k, rng.range(1200, 1350) * k];
  const outerHalfAxes: XY = [rng.range(5600, 5900) * k, rng.range(4400, 4700) * k];
  const [ia, ib] = innerHalfAxes;
  const [oa, ob] = outerHalfAxes;
  // Inner ring: a rounded rectangle (superellipse, exponent 4) like an old city wall line.
  const inner = starRing(rng.fork('inner'), Math.round(110 * k), (t) => {
    const c = Math.abs(Math.cos(t)) / ia;
    const s = Math.abs(Math.sin(t)) / ib;
    return Math.pow(c ** 4 + s ** 4, -1 / 4);
  });
  const outer = starRing(rng.fork('outer'), Math.round(200 * k), (t) => {
    const c = Math.cos(t) / oa;
    const s = Math.sin(t) / ob;
    return 1 / Math.sqrt(c * c + s * s);
  });
  const halfWidth = 7500 * k;
  const halfHeight = 6000 * k;
  const side = rng.chance(0.5) ? 1 : -1;
  return {
    k,
    halfWidth,
    halfHeight,
    marginMeters: 25,
    inner,
    outer,
    innerHalfAxes,
    outerHalfAxes,
    river: buildRiver(rng.fork('river'), halfWidth, k, side),
  };
}

/** Radius of the ring polyline in direction `theta` (exact for the polyline). */
export function ringRadiusAt(ring: StarRing, theta: number): number {
  const n = ring.radii.length;
  const step = (2 * Math.PI) / n;
  let a = theta % (2 * Math.PI);
  if (a < 0) a += 2 * Math.PI;
  const i = Math.min(n - 1, Math.floor(a / step));
  const r0 = ring.radii[i] as number;
  const r1 = ring.radii[(i + 1) % n] as number;
  const local = a - i * step;
  // Polar equation of the chord between the two vertices.
  return (r0 * r1 * Math.sin(step)) / (r0 * Math.sin(local) + r1 * Math.sin(step - local));
}

/** Radial distance of `p` outside the ring polyline (negative inside). */
export function ringOffset(ring: StarRing, p: XY): number {
  return Math.hypot(p[0], p[1]) - ringRadiusAt(ring, Math.atan2(p[1], p[0]));
}

/** The ring as a closed polyline (last vertex is the first one, same numbers). */
export function ringPolyline(ring: StarRing): XY[] {
  const n = ring.radii.length;
  const pts = ring.radii.map((r, i): XY => {
    const t = (2 * Math.PI * i) / n;
    return [r * Math.cos(t), r * Math.sin(t)];
  });
  pts.push(pts[0] as XY);
  return pts;
}

/** Inside the bounding box shrunk by the margin. */
export function insideFrame(frame: CityFrame, p: XY): boolean {
  return (
    Math.abs(p[0]) <= frame.halfWidth - frame.marginMeters &&
    Math.abs(p[1]) <= frame.halfHeight - frame.marginMeters
  );
}
