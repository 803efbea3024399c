/**
 * `pnpm --filter @dispatch/server bench:basemap [file.osm.pbf ...]`: the offline basemap of an OSM
 * extract (default: the Monaco and Andorra fixtures): layer extraction (multipolygons included), the tile indexes
 * (TileService over the layers in memory, with the extract's roads), then 200 gzipped tiles at
 * z12-16 over its buildings (or land use), with the process's RSS after each step.
 */
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger } from 'fastify';
import { basemapCounts, isBasemapArea } from '@dispatch/basemap';
import { osmBasemap } from '../src/importers/osm-basemap.js';
import { readMultipolygons } from '../src/importers/osm-multipolygons.js';
import { readOsmPbf } from '../src/importers/osm-pbf.js';
import { osmRoads } from '../src/importers/osm-roads.js';
import type { BasemapService } from '../src/services/basemap-service.js';
import { TileService } from '../src/services/tile-service.js';
import { loadAverage } from './lib/stats.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../src/importers/fixtures/${name}`, import.meta.url));
const files = process.argv.slice(2);
const rss = () => Math.round(process.memoryUsage().rss / 1e6);
const quiet = { info: () => undefined, error: () => undefined } as unknown as FastifyBaseLogger;

function tileOf(lng: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [
    Math.floor(((lng + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  ];
}

console.log(`load average ${loadAverage()}`);
for (const file of files.length > 0 ? files : [fixture('monaco.osm.pbf'), fixture('andorra.osm.pbf')]) {
  const base = rss();
  let started = performance.now();
  const relations = await readMultipolygons(file, isBasemapArea);
  const layers = await osmBasemap(() => readOsmPbf(file, { nodeTags: true }), relations);
  const extractMs = performance.now() - started;
  const afterExtract = rss();
  const roads = await osmRoads(() => readOsmPbf(file));
  const roadsText = JSON.stringify({ type: 'FeatureCollection', features: roads.features });
  const stored = {
    load: async () => ({ layers, version: 'bench' }),
    grids: async () => ({ type: 'FeatureCollection', features: [] }),
  } as unknown as BasemapService;
  const tiles = new TileService(stored, { geojsonText: roadsText }, quiet);
  started = performance.now();
  await tiles.prepare();
  const buildMs = performance.now() - started;
  const points = (layers.buildings.features.length > 0 ? layers.buildings : layers.landuse).features.map(
    (f) => (f.geometry.coordinates as [number, number][][])[0]![0]!,
  );
  const times: number[] = [];
  let bytes = 0;
  for (const z of [12, 13, 14, 15, 16]) {
    for (let i = 0; i < 40; i++) {
      const [lng, lat] = points[Math.floor((i / 40) * points.length)]!;
      const [x, y] = tileOf(lng, lat, z);
      const t = performance.now();
      const answer = await tiles.tile(z, x, y, true);
      times.push(performance.now() - t);
      bytes += answer.body?.length ?? 0;
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(
    `${file.split('/').pop()}: ${JSON.stringify(basemapCounts(layers))} (${relations.length} multipolygons), ` +
      `${roads.features.length} roads; ` +
      `extract ${Math.round(extractMs)} ms, index ${Math.round(buildMs)} ms; ` +
      `tiles median ${at(0.5)} ms, p99 ${at(0.99)} ms, mean ${(bytes / times.length / 1024).toFixed(1)} kB gzipped; ` +
      `RSS ${base} -> ${afterExtract} MB (extract) -> ${rss()} MB`,
  );
}
