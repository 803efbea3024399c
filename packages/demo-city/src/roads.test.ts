import { describe, expect, it } from 'vitest';
import { generateDemoCity } from './demo-city.js';
import type { Position } from './geojson.js';
import { reachable, segmentsOf, segmentsTouch, unsharedIntersections } from './test-support.js';
import { HIGHWAY_CLASSES } from './types.js';

const key = (p: Position): string => `${p[0]},${p[1]}`;

describe.each([110, 7, 2024])('road network of seed %i', (seed) => {
  const city = generateDemoCity({ seed });
  const features = city.roads.features;
  const lines = features.map((f) => f.geometry.coordinates);

  it('joins roads only at shared vertices (every crossing is a vertex of both roads)', () => {
    expect(unsharedIntersections(lines)).toEqual([]);
  });

  it('crosses the river only on 4-6 bridges', () => {
    const river = city.river.geometry.coordinates;
    const riverSegments = segmentsOf([river]);
    const crossing = new Set<number>();
    for (const s of segmentsOf(lines))
      for (const r of riverSegments) if (segmentsTouch(s.a, s.b, r.a, r.b)) crossing.add(s.feature);
    for (const f of crossing) expect(features[f]?.properties.bridge).toBe('yes');
    const bridges = features.filter((f) => f.properties.bridge === 'yes');
    expect(bridges.length).toBeGreaterThanOrEqual(4);
    expect(bridges.length).toBeLessThanOrEqual(6);
    expect(crossing.size).toBe(bridges.length);
    expect(city.roadStats.bridgeCount).toBe(bridges.length);
  });

  it('has one-way lanes in the old town and a one-way arterial pair', () => {
    const oneway = features.filter((f) => f.properties.oneway === 'yes');
    expect(oneway.some((f) => f.properties.highway === 'residential')).toBe(true);
    expect(
      oneway.some((f) => f.properties.highway === 'primary' || f.properties.highway === 'secondary'),
    ).toBe(true);
  });

  it('lets every vertex reach every other one, respecting one-way streets', () => {
    const forward = new Map<string, string[]>();
    const backward = new Map<string, string[]>();
    const add = (m: Map<string, string[]>, a: string, b: string): void => {
      m.set(a, [...(m.get(a) ?? []), b]);
    };
    for (const f of features) {
      const c = f.geometry.coordinates;
      for (let i = 1; i < c.length; i++) {
        const a = key(c[i - 1] as Position);
        const b = key(c[i] as Position);
        add(forward, a, b);
        add(backward, b, a);
        if (f.properties.oneway !== 'yes') {
          add(forward, b, a);
          add(backward, a, b);
        }
      }
    }
    const start = key(lines[0]?.[0] as Position);
    expect(reachable(forward, start).size).toBe(forward.size);
    expect(reachable(backward, start).size).toBe(backward.size);
  });

  it('uses OSM-style tags with Chinese names', () => {
    expect(new Set(features.map((f) => f.properties.highway))).toEqual(new Set(HIGHWAY_CLASSES));
    expect(
      features.some((f) => f.properties.highway === 'motorway' && f.properties.name === '绕城高速'),
    ).toBe(true);
    expect(features.filter((f) => f.properties.highway === 'trunk').map((f) => f.properties.name)).toEqual(
      expect.arrayContaining(['环城东路', '环城西路', '环城南路', '环城北路']),
    );
    for (const f of features) {
      const { name, maxspeed, highway } = f.properties;
      if (highway !== 'service') expect(name).toMatch(/^[\u4e00-\u9fa5]+(路|街|巷|弄|大道|高速|桥)$/);
      if (maxspeed !== undefined) expect([20, 30, 40, 50, 60, 70, 80]).toContain(maxspeed);
      expect(f.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('stays inside the bounding box and reports its own size truthfully', () => {
    const [minLng, minLat, maxLng, maxLat] = city.bbox;
    const vertices = new Set<string>();
    let segments = 0;
    for (const c of lines) {
      segments += c.length - 1;
      for (const p of c) {
        vertices.add(key(p));
        expect(p[0] > minLng && p[0] < maxLng && p[1] > minLat && p[1] < maxLat).toBe(true);
      }
    }
    expect(city.roadStats.vertexCount).toBe(vertices.size);
    expect(city.roadStats.segmentCount).toBe(segments);
    expect(city.roadStats.featureCount).toBe(features.length);
    expect(vertices.size).toBeGreaterThan(3000);
    expect(vertices.size).toBeLessThan(8000);
  });
});

describe('scale', () => {
  it('grows the network roughly linearly with the scale option', () => {
    const small = generateDemoCity({ scale: 0.5 }).roadStats.vertexCount;
    const large = generateDemoCity({ scale: 2 }).roadStats.vertexCount;
    expect(large / small).toBeGreaterThan(3);
    expect(large / small).toBeLessThan(5);
  });
});
