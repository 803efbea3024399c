import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRoadNetwork, coverageTimes, type RoadNetwork, type TravelCandidate } from '@dispatch/routing';
import { coverageLevel, shareOf, zoneCoverage } from './zone-coverage.js';

const DEG_LAT_PER_M = 1 / 111_195;
const DEG_LNG_PER_M = DEG_LAT_PER_M / Math.cos((39.9 * Math.PI) / 180);
const at = (x: number, y: number): [number, number] => [116.4 + x * DEG_LNG_PER_M, 39.9 + y * DEG_LAT_PER_M];

/** A w x h lattice of 400 m blocks at 36 km/h (40 s a block), every street two-way. */
function lattice(w: number, h: number): RoadNetwork {
  const features = [];
  for (let y = 0; y < h; y++)
    features.push({
      type: 'Feature' as const,
      properties: { highway: 'residential', driveSpeedKmh: 36 },
      // Every crossing is a shared vertex, so the streets join there.
      geometry: {
        type: 'LineString' as const,
        coordinates: Array.from({ length: w }, (_, x) => at(x * 400, y * 400)),
      },
    });
  for (let x = 0; x < w; x++)
    features.push({
      type: 'Feature' as const,
      properties: { highway: 'residential', driveSpeedKmh: 36 },
      geometry: {
        type: 'LineString' as const,
        coordinates: Array.from({ length: h }, (_, y) => at(x * 400, y * 400)),
      },
    });
  return buildRoadNetwork({ type: 'FeatureCollection', features });
}

const city = lattice(8, 8);
/** Two zones: west and east halves by segment midpoint. */
const halves = (() => {
  const zone = new Int32Array(city.segmentCount);
  const mid = at(3.5 * 400, 0)[0];
  for (let s = 0; s < city.segmentCount; s++) {
    const lng = (city.vertexLng[city.segFrom[s]!]! + city.vertexLng[city.segTo[s]!]!) / 2;
    zone[s] = lng < mid ? 0 : 1;
  }
  return zone;
})();

const coverWith = (units: TravelCandidate[], demand?: Float64Array) =>
  zoneCoverage(
    city,
    coverageTimes(city, units, { limitSeconds: 300 })!.seconds,
    halves,
    2,
    [180, 300],
    demand,
  );

describe('zoneCoverage', () => {
  it('measures the road length each zone has within each target, and nothing far from the units', () => {
    const [west, east] = coverWith([{ id: 'a', lngLat: at(0, 0) }]);
    expect(west!.roadMeters).toBeGreaterThan(0);
    expect(west!.roadMeters + east!.roadMeters).toBeCloseTo(16 * 2800, -1);
    // 180 s at 10 m/s: 1.8 km of road from a corner; 300 s: 3 km.
    expect(west!.within[0]!.roadMeters).toBeGreaterThan(0);
    expect(west!.within[1]!.roadMeters).toBeGreaterThan(west!.within[0]!.roadMeters);
    expect(east!.within[0]!.roadMeters).toBeLessThan(west!.within[0]!.roadMeters);
    // The far corner (2.8 km + 2.8 km away, 560 s) is out of reach: east is not fully covered.
    expect(east!.within[1]!.roadMeters).toBeLessThan(east!.roadMeters);
    const none = coverWith([]);
    expect(none.every((z) => z.within.every((w) => w.roadMeters === 0))).toBe(true);
  });

  it('weighs coverage by expected demand when given', () => {
    const demand = new Float64Array(city.segmentCount);
    // All the demand on the segments around the unit's corner.
    for (let s = 0; s < city.segmentCount; s++) {
      const x = city.vertexLng[city.segFrom[s]!]! - at(0, 0)[0];
      const y = city.vertexLat[city.segFrom[s]!]! - at(0, 0)[1];
      demand[s] = Math.abs(x) < 1e-6 && Math.abs(y) < 1e-6 ? 1 : 0;
    }
    const [west] = coverWith([{ id: 'a', lngLat: at(0, 0) }], demand);
    expect(shareOf(west!.within[0]!.demand, west!.demand)).toBe(1);
    expect(shareOf(west!.within[0]!.roadMeters, west!.roadMeters)).toBeLessThan(0.5);
  });

  it('never lowers any zone’s coverage when a unit is added', () => {
    const point = fc.record({ x: fc.integer({ min: 0, max: 2800 }), y: fc.integer({ min: 0, max: 2800 }) });
    fc.assert(
      fc.property(
        fc.array(point, { maxLength: 5 }),
        point,
        fc.constantFrom('drive', 'walk', 'fly'),
        (units, extra, mode) => {
          const cands: TravelCandidate[] = units.map((u, i) => ({ id: `u${i}`, lngLat: at(u.x, u.y) }));
          const before = coverWith(cands);
          const after = coverWith([...cands, { id: 'x', lngLat: at(extra.x, extra.y), mode }]);
          before.forEach((z, i) =>
            z.within.forEach((w, t) => {
              expect(after[i]!.within[t]!.roadMeters).toBeGreaterThanOrEqual(w.roadMeters - 1e-6);
              expect(after[i]!.within[t]!.demand).toBeGreaterThanOrEqual(w.demand - 1e-6);
            }),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('coverageLevel', () => {
  it('is covered at the 3-minute share, thin at only the 5-minute one, uncovered below', () => {
    expect(coverageLevel(0.85, 0.95, 0.8)).toBe('covered');
    expect(coverageLevel(0.5, 0.8, 0.8)).toBe('thin');
    expect(coverageLevel(0.5, 0.79, 0.8)).toBe('uncovered');
    expect(shareOf(0, 0)).toBe(1);
  });
});
