import { describe, expect, it } from 'vitest';
import { createReadStream } from 'node:fs';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { FastifyBaseLogger } from 'fastify';
import { TileService } from '../services/tile-service.js';
import type { BasemapService } from '../services/basemap-service.js';
import { basemapCounts, isBasemapArea, type BasemapLayers } from '@dispatch/basemap';
import { osmBasemap } from './osm-basemap.js';
import { readMultipolygons } from './osm-multipolygons.js';
import { readOsmPbf } from './osm-pbf.js';
import { readOsmXml } from './osm-xml.js';

// Real extracts (ODbL, © OpenStreetMap contributors), see osm-places.test.ts.
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const quiet = { info: () => undefined } as unknown as FastifyBaseLogger;

describe('basemap layers from OSM', () => {
  it('Monaco: buildings, water, land use, place and POI labels, in bounded time', async () => {
    const started = performance.now();
    const layers = await osmBasemap(() => readOsmPbf(fixture('monaco.osm.pbf'), { nodeTags: true }));
    const counts = basemapCounts(layers);
    expect(counts.buildings).toBeGreaterThan(20_000);
    expect(counts.water).toBeGreaterThan(100);
    expect(counts.landuse).toBeGreaterThan(100);
    const places = layers.places.features.map((f) => f.properties.name);
    expect(places).toEqual(expect.arrayContaining(['Monte-Carlo', 'Monaco-Ville']));
    const pois = layers.pois.features.map((f) => f.properties.name);
    expect(pois).toContain('École Saint-Charles');
    expect(layers.water.features.some((f) => f.properties.class === 'coastline')).toBe(true);
    for (const f of layers.buildings.features) {
      expect(f.geometry.type).toBe('Polygon');
      const ring = (f.geometry.coordinates as [number, number][][])[0]!;
      expect(ring[0]).toEqual(ring.at(-1));
    }
    expect(performance.now() - started).toBeLessThan(60_000);

    // Cut into tiles: a street-level tile of Monte-Carlo holds buildings and the place label.
    const stored = { load: async () => ({ layers, version: 't' }), grids: async () => empty() };
    const tiles = new TileService(stored as unknown as BasemapService, { geojsonText: null }, quiet);
    const monteCarlo = layers.places.features.find((f) => f.properties.name === 'Monte-Carlo')!;
    const [lng, lat] = monteCarlo.geometry.coordinates as [number, number];
    const z = 15;
    const n = 2 ** z;
    const rad = (lat * Math.PI) / 180;
    const x = Math.floor(((lng + 180) / 360) * n);
    const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
    const answer = await tiles.tile(z, x, y, false);
    const tile = new VectorTile(new PbfReader(answer.body!));
    expect(tile.layers['buildings']!.length).toBeGreaterThan(10);
    const placeLayer = tile.layers['places']!;
    const labels = Array.from(
      { length: placeLayer.length },
      (_, i) => placeLayer.feature(i).properties['name'],
    );
    expect(labels).toContain('Monte-Carlo');
  }, 120_000);

  it('Andorra: Chinese names where OSM has them; multipolygons with their holes', async () => {
    const file = fixture('andorra.osm.pbf');
    const relations = await readMultipolygons(file, isBasemapArea);
    expect(relations.length).toBeGreaterThan(3);
    const plain = await osmBasemap(() => readOsmPbf(file, { nodeTags: true }));
    const layers = await osmBasemap(() => readOsmPbf(file, { nodeTags: true }), relations);
    expect(layers.places.features.map((f) => f.properties.name)).toContain('安道尔城');
    expect(basemapCounts(layers).water).toBeGreaterThan(50);
    // Relation 411235 (grassland with three inner ways) is one polygon with holes.
    const added = layers.landuse.features.length - plain.landuse.features.length;
    expect(added).toBeGreaterThan(0);
    expect(
      layers.landuse.features.some(
        (f) => f.properties.class === 'grassland' && f.geometry.coordinates.length > 1,
      ),
    ).toBe(true);
  }, 60_000);

  it('.osm XML gives areas and lines (the XML reader yields no node tags)', async () => {
    const layers = await osmBasemap(() => readOsmXml(createReadStream(fixture('small-city.osm'))));
    expect(layers.places.features).toEqual([]);
    expect(Object.values(basemapCounts(layers)).every((n) => n >= 0)).toBe(true);
  });
});

function empty(): BasemapLayers['water'] {
  return { type: 'FeatureCollection', features: [] };
}
