import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridCodeAt } from '@dispatch/demo-city';
import type { LngLat } from '@dispatch/domain';
import {
  DEFAULT_SPEEDS_KMH,
  buildRoadNetwork,
  carAccess,
  roadClassRule,
  snapPoint,
  type RoadFeatureCollection,
} from '@dispatch/routing';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { seedCityFromFile } from './seed-city-file.js';

const fixture = (name: string) => fileURLToPath(new URL(`../importers/fixtures/${name}`, import.meta.url));
const quiet = { out: () => undefined, err: () => undefined };

describe.each(['monaco.osm.pbf', 'andorra.osm.pbf'])('pnpm start --city %s', (file) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('imports the roads and places, tiles grids over them and puts posts and a fleet on the streets', async () => {
    const summary = await seedCityFromFile(db, fixture(file), 'Europe/Paris', quiet);
    expect(summary.seeded).toBe(true);
    expect(summary.grids).toBeGreaterThanOrEqual(30);
    expect(summary.grids).toBeLessThanOrEqual(60);
    expect(summary.units).toBeGreaterThanOrEqual(50);
    expect(summary.posts).toBeGreaterThan(0);
    expect(await db.prisma.gazetteerPlace.count({ where: { source: 'osm' } })).toBeGreaterThan(100);

    const active = await db.prisma.roadNetwork.findFirstOrThrow({ where: { active: true } });
    const network = buildRoadNetwork(active.geojson as unknown as RoadFeatureCollection);
    const grids = (await db.prisma.grid.findMany()).map((g) => ({
      code: g.code,
      polygon: g.polygon as never,
    }));
    const gridIdByCode = new Map((await db.prisma.grid.findMany()).map((g) => [g.code, g.id]));
    // Every unit starts on a street of its home grid, every post on a street.
    const units = await db.prisma.unit.findMany();
    for (const u of units) {
      const at: LngLat = [u.lastLng!, u.lastLat!];
      expect(snapPoint(network, at, { maxDistanceMeters: 30 }), u.callSign).not.toBeNull();
      expect(gridIdByCode.get(gridCodeAt({ grids }, at) ?? '')).toBe(u.homeGridId);
    }
    for (const p of await db.prisma.post.findMany())
      expect(snapPoint(network, [p.lng, p.lat], { maxDistanceMeters: 30 }), p.name).not.toBeNull();
    // The grids cover the roads cars use: every vertex of them lies in one.
    let inside = 0;
    let all = 0;
    for (const f of (active.geojson as unknown as RoadFeatureCollection).features) {
      if ((f.geometry as { type: string }).type !== 'LineString') continue;
      if (!roadClassRule(String(f.properties?.highway), DEFAULT_SPEEDS_KMH)?.drive) continue;
      if (carAccess(f.properties ?? {}) !== 'yes') continue;
      for (const c of (f.geometry as { coordinates: LngLat[] }).coordinates) {
        all++;
        if (gridCodeAt({ grids }, c)) inside++;
      }
    }
    expect(all).toBeGreaterThan(1000);
    expect(inside).toBe(all);
    // Each unit has its login, like the demo city (the simulator crews them).
    expect(await db.prisma.user.count({ where: { role: 'unit' } })).toBe(units.length);
  });

  it('leaves a database that already holds a city alone', async () => {
    const grids = await db.prisma.grid.count();
    expect((await seedCityFromFile(db, fixture(file), 'Europe/Paris', quiet)).seeded).toBe(false);
    expect(await db.prisma.grid.count()).toBe(grids);
  });
});
