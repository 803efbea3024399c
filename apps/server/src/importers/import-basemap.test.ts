import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { importRoads, type ImportContext } from './run-import.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('import:roads of an OSM file stores the basemap too', () => {
  let db: TestDatabase;
  const out: string[] = [];
  const ctx = (): ImportContext => ({
    database: db,
    timeZone: 'Asia/Shanghai',
    io: { out: (l) => out.push(l), err: () => undefined },
  });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('Andorra: one row per layer, replaced by the next OSM import and kept by a GeoJSON one', async () => {
    expect((await importRoads({ file: fixture('andorra.osm.pbf') }, ctx())).exitCode).toBe(0);
    const rows = await db.prisma.basemapLayer.findMany({ orderBy: { layer: 'asc' } });
    expect(rows.map((r) => r.layer)).toEqual(['buildings', 'landuse', 'places', 'pois', 'water']);
    expect(rows.every((r) => r.source === 'andorra.osm.pbf')).toBe(true);
    expect(rows.find((r) => r.layer === 'places')!.featureCount).toBeGreaterThan(30);
    expect(out.join('\n')).toMatch(
      /basemap: \d+ water, \d+ landuse, \d+ buildings, \d+ places, \d+ pois, \d+ multipolygon relations/,
    );

    expect((await importRoads({ file: fixture('small-city.osm') }, ctx())).exitCode).toBe(0);
    const replaced = await db.prisma.basemapLayer.findMany();
    expect(replaced.every((r) => r.source === 'small-city.osm')).toBe(true);
    expect((await importRoads({ file: fixture('roads.geojson') }, ctx())).exitCode).toBe(0);
    expect((await db.prisma.basemapLayer.findMany()).every((r) => r.source === 'small-city.osm')).toBe(true);
  }, 120_000);
});
