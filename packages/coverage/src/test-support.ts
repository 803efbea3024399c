/**
 * Small road networks and arbitraries for the coverage tests (not exported from the package).
 * Lattices in meters near Beijing, like routing's test-support/lines.ts.
 */
import fc from 'fast-check';
import type { LngLat } from '@dispatch/domain';
import { buildRoadNetwork, type InputFeature, type RoadNetwork } from '@dispatch/routing';

const DEG_LAT_PER_M = 1 / 111_195;
const DEG_LNG_PER_M = DEG_LAT_PER_M / Math.cos((39.9 * Math.PI) / 180);

/** `[lng, lat]` of a point `x` meters east and `y` meters north of a fixed origin. */
export const at = (x: number, y: number): LngLat => [116.4 + x * DEG_LNG_PER_M, 39.9 + y * DEG_LAT_PER_M];

/** One street of a lattice between crossings `a` and `b` (indices `y * w + x`). */
export interface LatticeStreet {
  readonly a: number;
  readonly b: number;
  readonly kmh: number;
  readonly oneway?: 'yes' | '-1';
}

export interface Lattice {
  readonly w: number;
  readonly h: number;
  readonly blockMeters: number;
  readonly network: RoadNetwork;
}

/**
 * A w x h lattice of `blockMeters` blocks; each street has a shape vertex mid-block (so demand
 * and reach also sit on non-junction vertices). Default: every street two-way at 36 km/h.
 */
export function lattice(
  w: number,
  h: number,
  blockMeters = 400,
  streets?: readonly LatticeStreet[],
): Lattice {
  const all: readonly LatticeStreet[] =
    streets ??
    latticePairs(w, h).map(([a, b]) => ({
      a,
      b,
      kmh: 36,
    }));
  const xy = (i: number) => [(i % w) * blockMeters, Math.floor(i / w) * blockMeters] as const;
  const features: InputFeature[] = all.map((s, i) => {
    const [ax, ay] = xy(s.a);
    const [bx, by] = xy(s.b);
    const properties: Record<string, unknown> = { highway: 'residential', driveSpeedKmh: s.kmh };
    if (s.oneway) properties['oneway'] = s.oneway;
    return {
      type: 'Feature',
      id: i,
      properties,
      geometry: {
        type: 'LineString',
        coordinates: [at(ax, ay), at((ax + bx) / 2, (ay + by) / 2), at(bx, by)],
      },
    };
  });
  return { w, h, blockMeters, network: buildRoadNetwork({ type: 'FeatureCollection', features }) };
}

/** Neighbouring crossings of a w x h lattice. */
export function latticePairs(w: number, h: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x + 1 < w; x++) pairs.push([y * w + x, y * w + x + 1]);
  for (let y = 0; y + 1 < h; y++) for (let x = 0; x < w; x++) pairs.push([y * w + x, (y + 1) * w + x]);
  return pairs;
}

/** A random lattice: 3..6 crossings a side, a few streets missing or one-way, 20..60 km/h. */
export const randomLattice: fc.Arbitrary<Lattice> = fc
  .record({ w: fc.integer({ min: 3, max: 6 }), h: fc.integer({ min: 3, max: 6 }) })
  .chain(({ w, h }) => {
    const n = latticePairs(w, h).length;
    const street = fc.record({
      present: fc.integer({ min: 0, max: 9 }).map((x) => x < 9),
      kmh: fc.integer({ min: 20, max: 60 }),
      oneway: fc.constantFrom(undefined, undefined, undefined, 'yes' as const, '-1' as const),
    });
    return fc.record({
      w: fc.constant(w),
      h: fc.constant(h),
      streets: fc.array(street, { minLength: n, maxLength: n }),
    });
  })
  .map(({ w, h, streets }) => {
    const kept: LatticeStreet[] = [];
    latticePairs(w, h).forEach(([a, b], i) => {
      const s = streets[i]!;
      if (s.present || kept.length === 0)
        kept.push({ a, b, kmh: s.kmh, ...(s.oneway ? { oneway: s.oneway } : {}) });
    });
    return lattice(w, h, 400, kept);
  });

/** Zone of each vertex: west (0) and east (1) halves of the lattice by x. */
export function halvesByVertex(l: Lattice): Int32Array {
  const { network } = l;
  const zone = new Int32Array(network.vertexCount);
  const mid = at(((l.w - 1) * l.blockMeters) / 2, 0)[0];
  for (let v = 0; v < network.vertexCount; v++) zone[v] = network.vertexLng[v]! < mid ? 0 : 1;
  return zone;
}

/** Zone of each segment by its midpoint, west and east halves (as the server's grids do). */
export function halvesBySegment(l: Lattice): Int32Array {
  const { network } = l;
  const zone = new Int32Array(network.segmentCount);
  const mid = at(((l.w - 1) * l.blockMeters) / 2, 0)[0];
  for (let s = 0; s < network.segmentCount; s++) {
    const lng = (network.vertexLng[network.segFrom[s]!]! + network.vertexLng[network.segTo[s]!]!) / 2;
    zone[s] = lng < mid ? 0 : 1;
  }
  return zone;
}

/** A point inside the lattice's extent (meters), as `[lng, lat]`. */
export function pointIn(l: Lattice): fc.Arbitrary<LngLat> {
  return fc
    .record({
      x: fc.integer({ min: 0, max: (l.w - 1) * l.blockMeters }),
      y: fc.integer({ min: 0, max: (l.h - 1) * l.blockMeters }),
    })
    .map(({ x, y }) => at(x, y));
}

/** Demand per vertex: 0..9 each, a few hot vertices up to 50. */
export function vertexDemandArb(l: Lattice): fc.Arbitrary<Float64Array> {
  const n = l.network.vertexCount;
  return fc
    .array(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 50 })), {
      minLength: n,
      maxLength: n,
    })
    .map((xs) => Float64Array.from(xs));
}
