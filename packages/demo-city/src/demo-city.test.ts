import { DomainErrorException, INCIDENT_TYPES, UNIT_KINDS, type UnitKind } from '@dispatch/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoCity } from './demo-city.js';
import { pointInRing, signedRingArea } from './geometry.js';
import { gridCodeAt } from './grid-lookup.js';
import type { DemoCity } from './types.js';

const city = generateDemoCity();
const roadVertices = new Set(
  city.roads.features.flatMap((f) => f.geometry.coordinates.map((p) => `${p[0]},${p[1]}`)),
);
const onRoad = (p: readonly number[]): boolean => roadVertices.has(`${p[0]},${p[1]}`);

/** Minimum staffing is met by available units based in each grid. */
function staffingShortfalls(c: DemoCity): string[] {
  const out: string[] = [];
  for (const g of c.grids)
    for (const [kind, min] of Object.entries(g.minStaffing) as [UnitKind, number][]) {
      const have = c.units.filter(
        (u) => u.homeGridCode === g.code && u.kind === kind && u.status === 'available',
      ).length;
      if (have < min) out.push(`${g.code} ${kind} ${have}/${min}`);
    }
  return out;
}

describe('generateDemoCity', () => {
  it('is deterministic: same seed, deep-equal city; other seed, other city', () => {
    expect(generateDemoCity({ seed: 110 })).toEqual(city);
    const other = generateDemoCity({ seed: 111 });
    expect(other.roads).not.toEqual(city.roads);
    expect(other.units).not.toEqual(city.units);
    expect(other.grids).not.toEqual(city.grids);
  });

  it('applies the defaults', () => {
    expect(city.options).toEqual({ seed: 110, grids: 42, units: 220, scale: 1 });
    expect(city.center).toEqual([120.15, 30.27]);
    expect(city.grids).toHaveLength(42);
    expect(city.units).toHaveLength(220);
    expect(city.river.geometry.coordinates.length).toBeGreaterThan(10);
  });

  it('rejects invalid options with a typed error', () => {
    for (const bad of [{ grids: 29 }, { grids: 52 }, { units: 20 }, { scale: 0 }, { seed: 1.5 }]) {
      let error: unknown;
      try {
        generateDemoCity(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainErrorException);
      expect((error as DomainErrorException).code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('grids', () => {
  it('tile the bounding box: closed CCW rings whose areas add up to the box', () => {
    const [minLng, minLat, maxLng, maxLat] = city.bbox;
    let area = 0;
    for (const g of city.grids) {
      const ring = g.polygon.coordinates[0] ?? [];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(signedRingArea(ring)).toBeGreaterThan(0);
      area += signedRingArea(ring);
    }
    const box = (maxLng - minLng) * (maxLat - minLat);
    expect(Math.abs(area - box) / box).toBeLessThan(1e-6);
  });

  it('put every point of the city in exactly one grid', () => {
    const [minLng, minLat, maxLng, maxLat] = city.bbox;
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (u, v) => {
          const p: [number, number] = [
            minLng + (maxLng - minLng) * u * 0.9999999,
            minLat + (maxLat - minLat) * v * 0.9999999,
          ];
          const hits = city.grids.filter((g) => pointInRing(p, g.polygon.coordinates[0] ?? []));
          expect(hits).toHaveLength(1);
          expect(gridCodeAt(city, p)).toBe(hits[0]?.code);
        },
      ),
      { numRuns: 500 },
    );
    expect(gridCodeAt(city, [maxLng + 0.01, maxLat])).toBeNull();
  });

  it('have unique codes and names, 4-8 precincts, and smaller cells in the old town', () => {
    expect(new Set(city.grids.map((g) => g.code)).size).toBe(city.grids.length);
    expect(new Set(city.grids.map((g) => g.name)).size).toBe(city.grids.length);
    for (const g of city.grids) {
      expect(g.code).toMatch(/^G\d{2}$/);
      expect(g.name).toMatch(/^[\u4e00-\u9fa5]+网格$/);
      expect(city.precincts.map((p) => p.name)).toContain(g.precinct);
    }
    expect(city.precincts.length).toBeGreaterThanOrEqual(4);
    expect(city.precincts.length).toBeLessThanOrEqual(8);
    expect(city.precincts.flatMap((p) => p.gridCodes).sort()).toEqual(city.grids.map((g) => g.code).sort());
    for (const p of city.precincts) expect(p.name).toMatch(/派出所$/);
    const mean = (zone: string): number => {
      const gs = city.grids.filter((g) => g.zone === zone);
      return gs.reduce((s, g) => s + g.areaSquareMeters, 0) / gs.length;
    };
    expect(mean('old_town')).toBeLessThan(mean('suburban'));
    const cars = (zone: string): number =>
      Math.min(...city.grids.filter((g) => g.zone === zone).map((g) => g.minStaffing.patrol_car ?? 0));
    expect(cars('old_town')).toBeGreaterThan(cars('suburban'));
    expect(
      city.grids.filter((g) => g.zone === 'old_town').every((g) => (g.minStaffing.foot_patrol ?? 0) >= 1),
    ).toBe(true);
  });

  it('come in any requested count from 30 to 51', () => {
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 51 }), fc.integer({ min: 0, max: 1000 }), (grids, seed) => {
        const c = generateDemoCity({ seed, grids, scale: 0.5 });
        expect(c.grids).toHaveLength(grids);
        expect(staffingShortfalls(c)).toEqual([]);
      }),
      { numRuns: 4 },
    );
  });
});

describe('posts', () => {
  it('has 10-25 street posts and 1-2 drone nests, on roads inside their grids', () => {
    const street = city.posts.filter((p) => p.kind === 'street_post');
    const nests = city.posts.filter((p) => p.kind === 'drone_nest');
    expect(street.length).toBeGreaterThanOrEqual(10);
    expect(street.length).toBeLessThanOrEqual(25);
    expect(nests.length).toBeGreaterThanOrEqual(1);
    expect(nests.length).toBeLessThanOrEqual(2);
    expect(new Set(city.posts.map((p) => p.code)).size).toBe(city.posts.length);
    for (const p of city.posts) {
      expect(gridCodeAt(city, p.lngLat)).toBe(p.gridCode);
      expect(onRoad(p.lngLat)).toBe(true);
    }
  });
});

describe('units', () => {
  it('mix kinds with patrol cars as the largest group', () => {
    const counts = Object.fromEntries(
      UNIT_KINDS.map((k) => [k, city.units.filter((u) => u.kind === k).length]),
    );
    for (const k of UNIT_KINDS) expect(counts[k]).toBeGreaterThan(0);
    for (const k of UNIT_KINDS)
      if (k !== 'patrol_car') expect(counts.patrol_car).toBeGreaterThan(counts[k] ?? 0);
    expect(counts.patrol_car).toBeGreaterThan(city.units.length * 0.4);
  });

  it('have unique call signs and start on a road in their home grid', () => {
    expect(new Set(city.units.map((u) => u.callSign)).size).toBe(city.units.length);
    for (const u of city.units) {
      expect(u.callSign).toMatch(/^[\u4e00-\u9fa5]+-[\u4e00-\u9fa5]\d{2}$/);
      expect(gridCodeAt(city, u.lngLat)).toBe(u.homeGridCode);
      expect(onRoad(u.lngLat)).toBe(true);
      expect(city.grids.find((g) => g.code === u.homeGridCode)?.precinct).toBe(u.precinct);
    }
  });

  it('station post units at street posts and drones at nests', () => {
    const posts = new Map(city.posts.map((p) => [p.code, p]));
    for (const u of city.units.filter((x) => x.kind === 'post' || x.kind === 'drone')) {
      const post = posts.get(u.postCode ?? '');
      expect(post?.kind).toBe(u.kind === 'post' ? 'street_post' : 'drone_nest');
      expect(u.lngLat).toEqual(post?.lngLat);
    }
    expect(city.units.filter((u) => u.kind === 'drone').every((u) => u.capabilities.includes('video'))).toBe(
      true,
    );
    expect(
      city.units.filter((u) => u.kind === 'motorcycle').every((u) => u.capabilities.includes('traffic')),
    ).toBe(true);
    expect(city.units.some((u) => u.kind === 'patrol_car' && u.capabilities.includes('armed'))).toBe(true);
  });

  it('meet every minimum staffing with available units, a few being off duty', () => {
    expect(staffingShortfalls(city)).toEqual([]);
    const off = city.units.filter((u) => u.status === 'off_duty').length;
    expect(off).toBeGreaterThan(0);
    expect(off).toBeLessThan(city.units.length * 0.1);
  });

  it('stay feasible for any roster size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (units, seed) => {
        const c = generateDemoCity({ seed, units, scale: 0.5 });
        expect(c.units).toHaveLength(units);
        expect(staffingShortfalls(c)).toEqual([]);
        for (const u of c.units) expect(gridCodeAt(c, u.lngLat)).toBe(u.homeGridCode);
      }),
      { numRuns: 4 },
    );
  });
});

describe('hotspots', () => {
  it('are weighted places on roads with incident mixes and 24-hour profiles', () => {
    expect(city.hotspots.length).toBeGreaterThanOrEqual(8);
    expect(city.hotspots.reduce((s, h) => s + h.weight, 0)).toBeCloseTo(1, 2);
    expect(new Set(city.hotspots.map((h) => h.kind)).size).toBe(city.hotspots.length);
    for (const h of city.hotspots) {
      expect(gridCodeAt(city, h.lngLat)).toBe(h.gridCode);
      expect(onRoad(h.lngLat)).toBe(true);
      expect(h.hourlyProfile).toHaveLength(24);
      expect(h.hourlyProfile.reduce((s, x) => s + x, 0) / 24).toBeCloseTo(1, 2);
      for (const t of Object.keys(h.incidentWeights)) expect(INCIDENT_TYPES).toContain(t);
    }
    const bar = city.hotspots.find((h) => h.kind === 'bar_street');
    expect((bar?.hourlyProfile[23] ?? 0) > (bar?.hourlyProfile[10] ?? 0)).toBe(true);
  });
});
