import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { createHarness, errorOf, type Harness } from '../test/app-harness.js';

/** The tile (x, y) holding a point at zoom z (Web Mercator, as MapLibre asks for them). */
export function tileOf(lng: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lng + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}

function decode(body: Buffer): VectorTile {
  return new VectorTile(new PbfReader(body));
}

function names(tile: VectorTile, layer: string): string[] {
  const l = tile.layers[layer];
  if (!l) return [];
  return Array.from({ length: l.length }, (_, i) => l.feature(i).properties['name']).filter(
    (n): n is string => typeof n === 'string',
  );
}

describe(`basemap vector tiles (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let center: { lng: number; lat: number };
  let gridName: string;

  beforeAll(async () => {
    h = await createHarness();
    const grid = await h.db.prisma.grid.findFirstOrThrow({ orderBy: { code: 'asc' } });
    gridName = grid.name;
    const ring = (grid.polygon as { coordinates: [number, number][][] }).coordinates[0]!;
    center = {
      lng: ring.reduce((s, p) => s + p[0], 0) / ring.length,
      lat: ring.reduce((s, p) => s + p[1], 0) / ring.length,
    };
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves the demo city as MVT layers with roads, land use, grids and the grid names', async () => {
    const z = 13;
    const { x, y } = tileOf(center.lng, center.lat, z);
    const res = await h.call('dispatcher', { method: 'GET', url: `/api/tiles/${z}/${x}/${y}.pbf` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers['cache-control']).toBe('private, max-age=300');
    const tile = decode(res.rawPayload);
    expect(Object.keys(tile.layers)).toEqual(expect.arrayContaining(['landuse', 'roads', 'places', 'grids']));
    expect(tile.layers['roads']!.length).toBeGreaterThan(10);
    expect(names(tile, 'places')).toContain(gridName);
    const road = tile.layers['roads']!.feature(0);
    expect(road.type).toBe(2); // LineString
    expect(typeof road.properties['class']).toBe('string');
    // The whole city at zoom 10 has the river as water, areas and its line.
    const city = tileOf(center.lng, center.lat, 10);
    const wide = decode(
      (await h.call('unit001', { method: 'GET', url: `/api/tiles/10/${city.x}/${city.y}.pbf` })).rawPayload,
    );
    expect(wide.layers['water']?.length).toBeGreaterThan(0);
    expect(names(wide, 'pois').length).toBeGreaterThan(0);
  });

  it('gzips when asked, answers 304 to its ETag and 204 where nothing is', async () => {
    const { x, y } = tileOf(center.lng, center.lat, 12);
    const url = `/api/tiles/12/${x}/${y}.pbf`;
    const zipped = await h.call('dispatcher', { method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(Object.keys(decode(gunzipSync(zipped.rawPayload)).layers)).toContain('roads');
    const again = await h.call('dispatcher', {
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers['etag']) },
    });
    expect(again.statusCode).toBe(304);
    // Far out at sea off Africa: no layer has anything.
    const empty = await h.call('dispatcher', { method: 'GET', url: '/api/tiles/12/2048/2048.pbf' });
    expect(empty.statusCode).toBe(204);
  });

  it('cuts the grid outlines again after a grid changed, and only the grids', async () => {
    const z = 13;
    const { x, y } = tileOf(center.lng, center.lat, z);
    const url = `/api/tiles/${z}/${x}/${y}.pbf`;
    const before = await h.call('dispatcher', { method: 'GET', url });
    const grid = await h.db.prisma.grid.findFirstOrThrow({ orderBy: { code: 'asc' } });
    const renamed = await h.call('admin', {
      method: 'PATCH',
      url: `/api/grids/${grid.id}`,
      payload: { name: `${gridName}新` },
    });
    expect(renamed.statusCode).toBe(200);
    h.app.services.tiles.gridsChanged();
    const after = await h.call('dispatcher', { method: 'GET', url });
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
    expect(names(decode(after.rawPayload), 'grids')).toContain(`${gridName}新`);
    // Unchanged grids keep the ETag: staffing events do not cut anything again.
    h.app.services.tiles.gridsChanged();
    const again = await h.call('dispatcher', { method: 'GET', url });
    expect(again.headers['etag']).toBe(after.headers['etag']);
  });

  it('refuses tiles outside the zoom and callers without a token', async () => {
    for (const [url, field] of [
      ['/api/tiles/3/8/0.pbf', 'params.x'],
      ['/api/tiles/3/0/8.pbf', 'params.y'],
      ['/api/tiles/17/0/0.pbf', 'params.z'],
      ['/api/tiles/-1/0/0.pbf', 'params.z'],
      ['/api/tiles/1.5/0/0.pbf', 'params.z'],
      ['/api/tiles/2/x/0.pbf', 'params.x'],
    ] as const) {
      const res = await h.call('dispatcher', { method: 'GET', url });
      expect(errorOf(res, 400, 'VALIDATION_FAILED', field).field, url).toBe(field);
    }
    const anonymous = await h.call(null, { method: 'GET', url: '/api/tiles/0/0/0.pbf' });
    expect(anonymous.statusCode).toBe(401);
  });
});
