import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRoadNetwork } from './graph-build.js';
import { isochrones } from './isochrone.js';
import { vertexTimes } from './vertex-times.js';
import { at, collection, road } from './test-support/lines.js';
import { edgePoint, pointOf, randomNetwork } from './test-support/random-network.js';
import type { InputFeature } from './geojson.js';

/** An n x n lattice of two-way streets, `step` meters apart, at 10 m/s. */
function lattice(n: number, step: number): InputFeature[] {
  const lines: InputFeature[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(road(Array.from({ length: n }, (_, j) => [j * step, i * step] as const)));
    lines.push(road(Array.from({ length: n }, (_, j) => [i * step, j * step] as const)));
  }
  return lines;
}

/** Inside or within `tol` degrees of the ring's boundary. */
function covers(ring: number[][], p: readonly [number, number], tol = 1e-7): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    const dx = xj - xi;
    const dy = yj - yi;
    const t = Math.max(0, Math.min(1, ((p[0] - xi) * dx + (p[1] - yi) * dy) / (dx * dx + dy * dy || 1)));
    if (Math.hypot(xi + t * dx - p[0], yi + t * dy - p[1]) < tol) return true;
  }
  return inside;
}

function area(ring: number[][]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return a / 2;
}

describe('isochrones', () => {
  const net = buildRoadNetwork(collection(lattice(11, 100)));

  it('encloses every node reached in time, excludes nodes a block beyond, and grows with the threshold', () => {
    const { polygons, times } = isochrones(net, at(500, 500), { thresholdsSeconds: [10, 30, 60] });
    const vt = vertexTimes(times!);
    expect(polygons.features.map((f) => f.properties.seconds)).toEqual([10, 30, 60]);
    let previous = 0;
    for (const f of polygons.features) {
      expect(f.geometry.type).toBe('Polygon');
      const ring = (f.geometry.coordinates as number[][][])[0]!;
      expect(ring[0]).toEqual(ring.at(-1));
      expect(area(ring)).toBeGreaterThan(previous); // counter-clockwise and growing
      previous = area(ring);
      const limit = f.properties.seconds;
      for (let v = 0; v < net.vertexCount; v++) {
        const p = [net.vertexLng[v]!, net.vertexLat[v]!] as const;
        if (vt.seconds[v]! <= limit) expect(covers(ring, p)).toBe(true);
        if (vt.seconds[v]! >= limit + 10) expect(covers(ring, p)).toBe(false);
      }
    }
    expect(times!.seconds).toBeInstanceOf(Float64Array);
    expect(vt.seconds.filter((s) => s <= 65)).toHaveLength(81); // Manhattan ball of 6 blocks inside the 11 x 11 grid
  });

  it('searches one-to-all when asked, and only up to the largest threshold by default', () => {
    const bounded = isochrones(net, at(0, 0), { thresholdsSeconds: [30] });
    expect(bounded.times!.seconds.filter(Number.isFinite).length).toBeLessThan(net.nodeCount);
    const all = isochrones(net, at(0, 0), { thresholdsSeconds: [30], maxSeconds: Infinity });
    expect(all.times!.seconds.every(Number.isFinite)).toBe(true);
    expect(Math.max(...vertexTimes(all.times!).seconds)).toBeCloseTo(200, 1);
  });

  it('follows one-way streets even before the first node is reached', () => {
    const oneWay = buildRoadNetwork(
      collection([
        road(
          [
            [0, 0],
            [1000, 0],
          ],
          { oneway: 'yes' },
        ),
      ]),
    );
    const { polygons } = isochrones(oneWay, at(500, 0), { thresholdsSeconds: [20] });
    const lngs = (polygons.features[0]!.geometry.coordinates as number[][][])[0]!.map((p) => p[0]!);
    expect(Math.min(...lngs)).toBeGreaterThan(at(480, 0)[0]);
    expect(Math.max(...lngs)).toBeGreaterThan(at(690, 0)[0]);
  });

  it('covers several units with one multi-source search, one polygon part per unit area', () => {
    const { polygons, times } = isochrones(net, [at(0, 0), at(1000, 1000)], { thresholdsSeconds: [25] });
    expect(polygons.features[0]!.geometry.type).toBe('MultiPolygon');
    expect(polygons.features[0]!.geometry.coordinates).toHaveLength(2);
    const { origin } = vertexTimes(times!);
    expect(origin.filter((o) => o === 0).length).toBe(origin.filter((o) => o === 1).length);
  });

  it('encloses every vertex reached in time and nothing far beyond (random networks)', () => {
    const detailMeters = 40; // cells of at most 10 m, gaps up to about 40 m closed
    fc.assert(
      fc.property(
        randomNetwork.chain((rn) => fc.record({ rn: fc.constant(rn), origin: edgePoint(rn.edges.length) })),
        fc.double({ min: 0.5, max: 90, noNaN: true }),
        fc.constantFrom('outbound' as const, 'inbound' as const),
        ({ rn, origin }, limit, direction) => {
          const net = buildRoadNetwork(rn.geojson);
          const { polygons, times } = isochrones(net, pointOf(rn, origin), {
            thresholdsSeconds: [limit],
            detailMeters,
            direction,
            params: { components: 'any' },
          });
          const feature = polygons.features[0];
          const rings =
            feature?.geometry.type === 'Polygon'
              ? [feature.geometry.coordinates[0]!]
              : ((feature?.geometry.coordinates as number[][][][] | undefined)?.map((p) => p[0]!) ?? []);
          const vt = vertexTimes(times!, limit);
          const { vertexX: x, vertexY: y, segFrom, segTo } = net;
          // The box of the segments that may be partly reached (a reached end, or the origin's
          // own), in meters, widened by the closing distance and a few cells.
          const reach = 1.1 * detailMeters + 4 * (detailMeters / 4);
          const box = [Infinity, Infinity, -Infinity, -Infinity];
          const own = times!.origins[0]?.snap.segment;
          for (let s = 0; s < net.segmentCount; s++) {
            const reached = vt.seconds[segFrom[s]!]! <= limit || vt.seconds[segTo[s]!]! <= limit;
            if (!reached && s !== own) continue;
            for (const v of [segFrom[s]!, segTo[s]!]) {
              box[0] = Math.min(box[0]!, x[v]! - reach);
              box[1] = Math.min(box[1]!, y[v]! - reach);
              box[2] = Math.max(box[2]!, x[v]! + reach);
              box[3] = Math.max(box[3]!, y[v]! + reach);
            }
          }
          for (let v = 0; v < net.vertexCount; v++) {
            const p = [net.vertexLng[v]!, net.vertexLat[v]!] as const;
            const inside = rings.some((r) => covers(r, p));
            if (vt.seconds[v]! <= limit) expect(inside).toBe(true);
            const far = x[v]! < box[0]! || y[v]! < box[1]! || x[v]! > box[2]! || y[v]! > box[3]!;
            if (far) expect(inside).toBe(false);
          }
          expect(feature?.properties.vertexCount ?? 0).toBe(vt.seconds.filter((t) => t <= limit).length);
        },
      ),
      { numRuns: 200 },
    );
  }, 30_000);

  it('is empty without a road network', () => {
    expect(isochrones(null, at(0, 0))).toEqual({
      polygons: { type: 'FeatureCollection', features: [] },
      times: null,
    });
  });
});
