import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRoadNetwork, haversineMeters, type RoadFeatureCollection } from '@dispatch/routing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { GazetteerService } from '../services/gazetteer-service.js';
import { EventBus } from '../services/event-bus.js';
import { importAddresses, importGrids, importRoads, type ImportContext } from './run-import.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('import commands against a fresh database', () => {
  let db: TestDatabase;
  let dir: string;
  const lines = { out: [] as string[], err: [] as string[] };
  const ctx = (): ImportContext => ({
    database: db,
    timeZone: 'Asia/Shanghai',
    io: { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) },
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'dispatch-import-'));
  });
  afterAll(async () => {
    await db?.close();
  });

  it('imports OSM XML roads as the active network, with an audit event and the rejected report', async () => {
    const reportFile = join(dir, 'rejected.json');
    const outcome = await importRoads({ file: fixture('small-city.osm'), reportFile }, ctx());
    expect(outcome.exitCode).toBe(0);
    const rows = await db.prisma.roadNetwork.findMany({ where: { active: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.name).toBe('small-city.osm');
    const geojson = rows[0]?.geojson as { features: { properties: { id: string } }[] };
    expect(geojson.features.map((f) => f.properties.id)).toEqual(['way/100', 'way/101', 'way/102']);
    const audit = await db.prisma.auditEvent.findMany({ where: { action: 'road_network.import' } });
    expect(audit).toMatchObject([{ actorName: 'import:roads (command line)', entityId: rows[0]?.id }]);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      rejected: { id: number; reason: string }[];
    };
    expect(report.rejected.map((r) => [r.id, r.reason])).toEqual([[300, 'missing_nodes']]);
    expect(lines.err.join('\n')).toContain('#4 (300): missing_nodes');
    // The building is no road: counted apart, not listed as a rejection.
    expect(lines.out.join('\n')).toContain('1 rejected, 1 not roads');
    expect(lines.out.join('\n')).toContain('road rules: 0 roads closed to cars');
    expect(lines.out.join('\n')).toContain('restart it');
  });

  it('replaces the network with a GeoJSON import and keeps only one active', async () => {
    const outcome = await importRoads({ file: fixture('roads.geojson'), name: 'city roads' }, ctx());
    expect(outcome.exitCode).toBe(0);
    expect(outcome.parsed?.rejected).toHaveLength(4);
    expect(outcome.parsed?.summary.notRoads).toBe(1);
    const active = await db.prisma.roadNetwork.findMany({ where: { active: true } });
    expect(active.map((r) => r.name)).toEqual(['city roads']);
    expect(await db.prisma.roadNetwork.count()).toBe(2);
  });

  it('exits non-zero and changes nothing when no feature is valid', async () => {
    const file = join(dir, 'points.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [120, 30] } }],
      }),
    );
    const outcome = await importRoads({ file }, ctx());
    expect(outcome.exitCode).toBe(1);
    expect((await db.prisma.roadNetwork.findFirst({ where: { active: true } }))?.name).toBe('city roads');
    expect((await importRoads({ file: join(dir, 'missing.geojson') }, ctx())).exitCode).toBe(1);
  });

  it('imports the valid grids and reports the bad polygon and the missing code', async () => {
    const outcome = await importGrids({ file: fixture('grids.geojson') }, ctx());
    expect(outcome.exitCode).toBe(0);
    expect(outcome.report).toMatchObject({ created: 2, updated: 0 });
    expect(outcome.rejected.map((r) => [r.index, r.code])).toEqual([
      [2, 'BAD1'],
      [3, null],
    ]);
    expect(outcome.rejected[0]?.reason).toContain('rings must be closed');
    const grids = await db.prisma.grid.findMany({ orderBy: { code: 'asc' }, include: { station: true } });
    expect(grids.map((g) => [g.code, g.station?.code ?? null])).toEqual([
      ['N01', 'North'],
      ['N02', null],
    ]);
    expect(await db.prisma.auditEvent.count({ where: { action: 'grid.import' } })).toBe(1);
  });

  it('with --strict imports nothing when a grid is bad, and upserts by code on a re-import', async () => {
    const strict = await importGrids({ file: fixture('grids.geojson'), strict: true }, ctx());
    expect(strict.exitCode).toBe(1);
    const again = await importGrids({ file: fixture('grids.geojson') }, ctx());
    expect(again.report).toMatchObject({ created: 0, updated: 2 });
    expect(await db.prisma.grid.count()).toBe(2);
  });

  it('stores the places and house addresses of an OSM extract, replacing the last import', async () => {
    const outcome = await importRoads({ file: fixture('monaco.osm.pbf') }, ctx());
    expect(outcome.exitCode).toBe(0);
    const places = await db.prisma.gazetteerPlace.count({ where: { source: 'osm', kind: 'place' } });
    const addresses = await db.prisma.gazetteerPlace.count({ where: { source: 'osm', kind: 'address' } });
    expect(places).toBeGreaterThan(400);
    expect(addresses).toBeGreaterThan(50);
    expect(lines.out.join('\n')).toMatch(/gazetteer: \d+ places and house addresses stored/);
    // A second import replaces them (nothing doubles).
    await importRoads({ file: fixture('monaco.osm.pbf') }, ctx());
    expect(await db.prisma.gazetteerPlace.count({ where: { source: 'osm' } })).toBe(places + addresses);
    // Search and reverse geocoding over the stored places and the network (a server's view).
    const active = await db.prisma.roadNetwork.findFirstOrThrow({ where: { active: true } });
    const roads = { network: buildRoadNetwork(active.geojson as unknown as RoadFeatureCollection) };
    const gazetteer = new GazetteerService(
      { prisma: db.prisma, bus: new EventBus(), now: Date.now, timeZone: 'Europe/Monaco' },
      roads,
    );
    await gazetteer.load();
    const school = gazetteer.search('Saint-Charles', null, 5).find((x) => x.keyPlace === 'school');
    expect(school).toMatchObject({ name: 'École Saint-Charles' });
    // Rue Grimaldi meets Rue de Millo at about (7.41885, 43.73281) (OSM node positions).
    const junction = gazetteer.search('Rue de Millo / Rue Grimaldi', null, 5)[0];
    expect(junction).toMatchObject({ kind: 'intersection', name: 'Rue Grimaldi / Rue de Millo' });
    expect(haversineMeters(junction!.lngLat, [7.41885, 43.73281])).toBeLessThan(50);
    const near = gazetteer.reverse(school!.lngLat);
    expect(near.near?.name).toBe('École Saint-Charles');
    expect(near.road?.distanceMeters).toBeLessThan(100);
  });

  it('imports standard addresses from CSV by code, with --strict and --dry-run writing nothing', async () => {
    const file = join(dir, 'addresses.csv');
    writeFileSync(
      file,
      [
        '编码,名称,地址,别名,经度,纬度,重点部位',
        'A1,摩纳哥海洋博物馆,Avenue Saint-Martin,海洋馆,7.4253,43.7307,',
        'A2,坏行,,,7.42,北纬43,',
        'A3,城外,,,9.5,43.73,',
      ].join('\n'),
    );
    lines.err.length = 0;
    for (const options of [{ strict: true }, { dryRun: true }]) {
      const outcome = await importAddresses({ file, ...options }, ctx());
      expect(outcome.report?.written).toBe(false);
      expect(await db.prisma.gazetteerPlace.count({ where: { source: 'standard' } })).toBe(0);
    }
    expect(lines.err.join('\n')).toContain('#3 (纬度): not_a_number');
    expect(lines.err.join('\n')).toContain('#4: out_of_range');
    const done = await importAddresses({ file }, ctx());
    expect(done).toMatchObject({ exitCode: 0, report: { created: 1, rejected: [{ row: 3 }, { row: 4 }] } });
    const again = await importAddresses({ file }, ctx());
    expect(again.report).toMatchObject({ created: 0, updated: 1 });
    expect(await db.prisma.gazetteerPlace.findMany({ where: { source: 'standard' } })).toMatchObject([
      { sourceId: 'A1', name: '摩纳哥海洋博物馆', aliases: ['海洋馆'] },
    ]);
    expect((await importAddresses({ file: join(dir, 'none.csv') }, ctx())).exitCode).toBe(1);
  });
});
