import fc from 'fast-check';
import type { LngLat } from '@dispatch/domain';
import type { InputFeature, RoadFeatureCollection } from '../geojson.js';
import { haversineMeters } from '../geo.js';
import { BruteGraph } from './brute-force.js';
import { DEFAULT_SPEEDS_KMH, roadSpeedKmh } from '../speeds.js';

/** One lattice edge of a random test network. */
export interface RandomEdge {
  readonly a: number;
  readonly b: number;
  readonly oneway: 'yes' | '-1' | 'no' | undefined;
  readonly kmh: number;
  /** maxspeed written as "N mph" instead of a number. */
  readonly mph: boolean;
  /** The maxspeed tag written; `kmh` is the speed the graph derives from it. */
  readonly maxspeed: string | number | undefined;
}

/** A random jittered lattice and the GeoJSON it is written as. */
export interface RandomNetwork {
  readonly nodes: LngLat[];
  readonly edges: RandomEdge[];
  readonly geojson: RoadFeatureCollection;
}

/** A point on an edge of a random network. */
export interface EdgePoint {
  readonly edge: number;
  readonly fraction: number;
}

const BASE: LngLat = [116.4, 39.9];
const STEP = 0.001;

const tag = (e: { kmh: number; mph: boolean }): string | number =>
  e.mph ? `${Math.round(e.kmh / 1.609344)} mph` : e.kmh;

/** Arbitrary random network: a w x h jittered lattice with random edges, one-way flags and speeds. */
export const randomNetwork: fc.Arbitrary<RandomNetwork> = fc
  .record({ w: fc.integer({ min: 2, max: 5 }), h: fc.integer({ min: 2, max: 5 }) })
  .chain(({ w, h }) => {
    const horizontal = (w - 1) * h;
    const vertical = w * (h - 1);
    const edge = fc.record({
      present: fc.integer({ min: 0, max: 9 }).map((x) => x < 8),
      oneway: fc.constantFrom('yes' as const, '-1' as const, 'no' as const, undefined),
      kmh: fc.integer({ min: 10, max: 80 }),
      mph: fc.boolean(),
    });
    return fc.record({
      w: fc.constant(w),
      h: fc.constant(h),
      jitter: fc.array(
        fc.tuple(
          fc.double({ min: -0.25, max: 0.25, noNaN: true }),
          fc.double({ min: -0.25, max: 0.25, noNaN: true }),
        ),
        {
          minLength: w * h,
          maxLength: w * h,
        },
      ),
      edges: fc.array(edge, { minLength: horizontal + vertical, maxLength: horizontal + vertical }),
    });
  })
  .map(({ w, h, jitter, edges }) => {
    const nodes: LngLat[] = [];
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const [jx, jy] = jitter[y * w + x]!;
        nodes.push([BASE[0] + (x + jx) * STEP, BASE[1] + (y + jy) * STEP]);
      }
    }
    const pairs: [number, number][] = [];
    for (let y = 0; y < h; y++) for (let x = 0; x + 1 < w; x++) pairs.push([y * w + x, y * w + x + 1]);
    for (let y = 0; y + 1 < h; y++) for (let x = 0; x < w; x++) pairs.push([y * w + x, (y + 1) * w + x]);
    const kept: RandomEdge[] = [];
    pairs.forEach(([a, b], i) => {
      const e = edges[i]!;
      if (e.present)
        kept.push({
          a,
          b,
          oneway: e.oneway,
          // The speed the graph derives from the limit (speeds.ts), tagged in km/h or mph.
          kmh: roadSpeedKmh('residential', DEFAULT_SPEEDS_KMH['residential']!, { maxspeed: tag(e) }, 'both'),
          maxspeed: tag(e),
          mph: e.mph,
        });
    });
    if (kept.length === 0) {
      const [a, b] = pairs[0]!;
      kept.push({ a, b, oneway: 'no', kmh: 30, mph: false, maxspeed: undefined });
    }
    const features: InputFeature[] = kept.map((e, i) => ({
      type: 'Feature',
      id: i,
      properties: {
        highway: 'residential',
        oneway: e.oneway,
        maxspeed: e.maxspeed,
      },
      geometry: { type: 'LineString', coordinates: [nodes[e.a]!, nodes[e.b]!] },
    }));
    return { nodes, edges: kept, geojson: { type: 'FeatureCollection', features } };
  });

/** Arbitrary point on one of `edgeCount` edges; ends (0 and 1) are drawn on purpose. */
export function edgePoint(edgeCount: number): fc.Arbitrary<EdgePoint> {
  return fc.record({
    edge: fc.integer({ min: 0, max: edgeCount - 1 }),
    fraction: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0.02, max: 0.98, noNaN: true })),
  });
}

/** `[lng, lat]` of an edge point. */
export function pointOf(net: RandomNetwork, p: EdgePoint): LngLat {
  const e = net.edges[p.edge]!;
  const a = net.nodes[e.a]!;
  const b = net.nodes[e.b]!;
  return [a[0] + (b[0] - a[0]) * p.fraction, a[1] + (b[1] - a[1]) * p.fraction];
}

/**
 * The network as a brute-force graph with every point inserted as its own node (a point at an
 * end is that end node). Costs are seconds when `mode` is drive, meters (both ways) when walk.
 * Returns the graph and the node of each point.
 */
export function bruteGraph(
  net: RandomNetwork,
  points: readonly EdgePoint[],
  mode: 'drive' | 'walk',
): { graph: BruteGraph; pointNode: number[] } {
  const graph = new BruteGraph();
  for (let i = 0; i < net.nodes.length; i++) graph.addNode();
  const pointNode: number[] = [];
  points.forEach((p, i) => {
    const e = net.edges[p.edge]!;
    const same = points.findIndex((q) => q.edge === p.edge && q.fraction === p.fraction);
    if (p.fraction === 0) pointNode.push(e.a);
    else if (p.fraction === 1) pointNode.push(e.b);
    else pointNode.push(same < i ? pointNode[same]! : graph.addNode());
  });
  net.edges.forEach((e, ei) => {
    const onEdge = points
      .map((p, i) => ({ f: p.fraction, node: pointNode[i]! }))
      .filter((x, i) => points[i]!.edge === ei && x.f > 0 && x.f < 1)
      .filter((x, i, all) => all.findIndex((y) => y.node === x.node) === i)
      .sort((x, y) => x.f - y.f);
    const chain = [{ f: 0, node: e.a }, ...onEdge, { f: 1, node: e.b }];
    const a = net.nodes[e.a]!;
    const b = net.nodes[e.b]!;
    const meters = haversineMeters(a, b);
    const perFraction = mode === 'walk' ? meters : meters / (e.kmh / 3.6);
    const forward = mode === 'walk' || e.oneway !== '-1';
    const backward = mode === 'walk' || e.oneway !== 'yes';
    for (let i = 0; i + 1 < chain.length; i++) {
      const cost = (chain[i + 1]!.f - chain[i]!.f) * perFraction;
      if (forward) graph.addArc(chain[i]!.node, chain[i + 1]!.node, cost);
      if (backward) graph.addArc(chain[i + 1]!.node, chain[i]!.node, cost);
    }
  });
  return { graph, pointNode };
}

/**
 * True unless two points on one edge are closer than float noise without being equal: the
 * network snaps both to one position, a brute-force graph would keep them apart.
 */
export function pointsSeparable(points: readonly EdgePoint[]): boolean {
  return points.every((p) =>
    points.every(
      (q) => q.edge !== p.edge || q.fraction === p.fraction || Math.abs(q.fraction - p.fraction) > 1e-9,
    ),
  );
}
