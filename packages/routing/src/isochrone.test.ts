import { describe, expect, it } from 'vitest';
import { buildRoadNetwork } from './graph-build.js';
import { isochrones } from './isochrone.js';
import { vertexTimes } from './vertex-times.js';
import { at, collection, road } from './test-support/lines.js';
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

  it('is empty without a road network', () => {
    expect(isochrones(null, at(0, 0))).toEqual({
      polygons: { type: 'FeatureCollection', features: [] },
      times: null,
    });
  });
});
