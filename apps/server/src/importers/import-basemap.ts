/**
 * `import:roads` of an OSM file also replaces the offline basemap (water, land use, buildings,
 * place and POI labels) from the same file. GeoJSON road files carry no basemap: it is kept.
 */
import { createReadStream } from 'node:fs';
import { BasemapService } from '../services/basemap-service.js';
import { basemapCounts, isBasemapArea } from '@dispatch/basemap';
import { osmBasemap } from './osm-basemap.js';
import { readMultipolygons } from './osm-multipolygons.js';
import { readOsmPbf } from './osm-pbf.js';
import { readOsmXml } from './osm-xml.js';
import type { ImportContext, RoadFormat } from './run-import.js';

export async function importOsmBasemap(file: string, format: RoadFormat, ctx: ImportContext): Promise<void> {
  if (format === 'geojson') return;
  const started = performance.now();
  // Multipolygon relations from .pbf files only: the XML reader yields no relations.
  const relations = format === 'pbf' ? await readMultipolygons(file, isBasemapArea) : [];
  const layers = await osmBasemap(
    () => (format === 'pbf' ? readOsmPbf(file, { nodeTags: true }) : readOsmXml(createReadStream(file))),
    relations,
  );
  await new BasemapService(ctx.database).replace(layers, file.split('/').pop() ?? file);
  const counts = Object.entries(basemapCounts(layers))
    .map(([layer, n]) => `${n} ${layer}`)
    .join(', ');
  ctx.io.out(
    `basemap: ${counts}, ${relations.length} multipolygon relations (${Math.round(performance.now() - started)} ms)`,
  );
}
