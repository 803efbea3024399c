/**
 * A seeded synthetic city for benchmarks: a jittered lattice of streets (one shape vertex mid-block),
 * faster arterials every few blocks, one-way residential streets, and a winding river crossed only
 * by a few bridges. About 100,000 road nodes at the default size.
 */
import type { LngLat } from '@dispatch/domain';
import type { InputFeature, RoadFeatureCollection } from '../src/index.js';

/** Small fast seeded PRNG (mulberry32), uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticCityOptions {
  readonly seed?: number;
  /** Intersections per side (default 183: ~100k nodes with the mid-block vertices). */
  readonly gridSize?: number;
  readonly spacingMeters?: number;
  readonly unitCount?: number;
  readonly center?: LngLat;
}

export interface SyntheticCity {
  readonly roads: RoadFeatureCollection;
  readonly units: LngLat[];
  /** `[minLng, minLat, maxLng, maxLat]` of the street grid. */
  readonly bbox: readonly [number, number, number, number];
  /** A random point inside the city (for incidents). */
  randomPoint(rand: () => number): LngLat;
}

type Kind = { highway: string; maxspeed?: number };

function streetKind(i: number): Kind {
  if (i % 16 === 0) return { highway: 'primary', maxspeed: 60 };
  if (i % 8 === 0) return { highway: 'secondary', maxspeed: 50 };
  if (i % 4 === 0) return { highway: 'tertiary' };
  return { highway: 'residential' };
}

/** Generates the city. Deterministic for a given seed. */
export function syntheticCity(options: SyntheticCityOptions = {}): SyntheticCity {
  const rand = mulberry32(options.seed ?? 110);
  const n = options.gridSize ?? 183;
  const step = options.spacingMeters ?? 120;
  const [lng0, lat0] = options.center ?? [116.4, 39.9];
  const mLat = 1 / 111_195;
  const mLng = mLat / Math.cos((lat0 * Math.PI) / 180);
  const jitter = () => (rand() - 0.5) * step * 0.3;
  // Intersection positions in meters.
  const px = new Float64Array(n * n);
  const py = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      px[r * n + c] = c * step + jitter();
      py[r * n + c] = r * step + jitter();
    }
  }
  const size = (n - 1) * step;
  // The river winds west to east through the middle; bridges on every 3rd arterial column.
  const riverY = (x: number) => size / 2 + size * 0.08 * Math.sin((x / size) * Math.PI * 3);
  const side = (i: number) => py[i]! > riverY(px[i]!);
  const isBridge = (c: number) => c % 24 === 8;
  const toLngLat = (x: number, y: number): [number, number] => [
    lng0 + (x - size / 2) * mLng,
    lat0 + (y - size / 2) * mLat,
  ];

  const features: InputFeature[] = [];
  const emit = (run: number[], kind: Kind, name: string, oneway: string | undefined) => {
    if (run.length < 2) return;
    const coords: [number, number][] = [toLngLat(px[run[0]!]!, py[run[0]!]!)];
    for (let k = 1; k < run.length; k++) {
      const a = run[k - 1]!;
      const b = run[k]!;
      // A mid-block shape vertex, slightly off the straight line (curved streets).
      const mx = (px[a]! + px[b]!) / 2 + (rand() - 0.5) * step * 0.1;
      const my = (py[a]! + py[b]!) / 2 + (rand() - 0.5) * step * 0.1;
      coords.push(toLngLat(mx, my), toLngLat(px[b]!, py[b]!));
    }
    const properties: Record<string, unknown> = { highway: kind.highway, name };
    if (kind.maxspeed) properties['maxspeed'] = kind.maxspeed;
    if (oneway) properties['oneway'] = oneway;
    features.push({
      type: 'Feature',
      id: features.length,
      properties,
      geometry: { type: 'LineString', coordinates: coords },
    });
  };
  const street = (line: number, nodes: (k: number) => number, vertical: boolean) => {
    const kind = streetKind(line);
    // A fifth of the residential streets are one-way, alternating direction.
    const oneway = kind.highway === 'residential' && rand() < 0.2 ? (line % 2 ? 'yes' : '-1') : undefined;
    const name = `${vertical ? 'North' : 'East'} ${line} ${kind.highway === 'residential' ? 'Lane' : 'Road'}`;
    let run: number[] = [nodes(0)];
    for (let k = 1; k < n; k++) {
      const a = nodes(k - 1);
      const b = nodes(k);
      const crossesRiver = side(a) !== side(b);
      if (crossesRiver && !(vertical && isBridge(line))) {
        emit(run, kind, name, oneway);
        run = [b];
        continue;
      }
      run.push(b);
      if (run.length > 12) {
        emit(run, kind, name, oneway);
        run = [b];
      }
    }
    emit(run, kind, name, oneway);
  };
  for (let r = 0; r < n; r++) street(r, (c) => r * n + c, false);
  for (let c = 0; c < n; c++) street(c, (r) => r * n + c, true);

  const randomPoint = (rnd: () => number): LngLat => toLngLat(rnd() * size, rnd() * size);
  const units = Array.from({ length: options.unitCount ?? 2000 }, () => randomPoint(rand));
  const [minLng, minLat] = toLngLat(0, 0);
  const [maxLng, maxLat] = toLngLat(size, size);
  return {
    roads: { type: 'FeatureCollection', features },
    units,
    bbox: [minLng, minLat, maxLng, maxLat],
    randomPoint,
  };
}
