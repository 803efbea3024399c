/**
 * Vector tiles of the offline basemap, cut on demand with geojson-vt (one index per layer, built
 * once from the database and the road network in memory) and encoded with vt-pbf: MapLibre's own
 * libraries, pure JavaScript, so PGlite and PostgreSQL nodes serve the same tiles with no PostGIS.
 */
import { gzipSync } from 'node:zlib';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { FastifyBaseLogger } from 'fastify';
import { BASEMAP_SOURCE_LAYERS, BASEMAP_TILE_MAX_ZOOM } from '@dispatch/contracts';
import type { BasemapCollection } from '../importers/osm-basemap.js';
import type { BasemapService } from './basemap-service.js';
import type { RoadNetworkService } from './road-network-service.js';

/** Source layers of every tile, bottom to top. */
export const TILE_LAYERS = BASEMAP_SOURCE_LAYERS;
export type TileLayer = (typeof TILE_LAYERS)[number];
/** Deepest zoom cut with full detail; the style overzooms beyond it. */
export const TILE_MAX_ZOOM = BASEMAP_TILE_MAX_ZOOM;
const EXTENT = 4096;

export interface TileAnswer {
  /** Encoded tile, gzipped when asked for; null when no layer has a feature there. */
  body: Buffer | null;
  gzip: boolean;
  etag: string;
}

type Indexes = Record<TileLayer, GeoJSONVT | null>;

interface RoadProperties {
  highway?: unknown;
  name?: unknown;
  ref?: unknown;
  bridge?: unknown;
}

/** The road network's GeoJSON as the roads layer: class and label only. */
export function roadLayerOf(geojsonText: string | null): BasemapCollection {
  if (!geojsonText) return { type: 'FeatureCollection', features: [] };
  const parsed = JSON.parse(geojsonText) as {
    features: { geometry: BasemapCollection['features'][number]['geometry']; properties?: RoadProperties }[];
  };
  return {
    type: 'FeatureCollection',
    features: parsed.features.map((f) => {
      const p = f.properties ?? {};
      const name =
        typeof p.name === 'string' && p.name ? p.name : typeof p.ref === 'string' ? p.ref : undefined;
      return {
        type: 'Feature',
        geometry: f.geometry,
        properties: {
          class: typeof p.highway === 'string' ? p.highway : 'road',
          ...(name ? { name } : {}),
          ...(typeof p.ref === 'string' && p.ref ? { ref: p.ref } : {}),
          ...(p.bridge === 'yes' ? { bridge: 1 } : {}),
        } as { class: string; name?: string },
      };
    }),
  };
}

export class TileService {
  private built: Promise<{ indexes: Indexes; version: string }> | null = null;
  private roadsText: string | null = null;
  private builds = 0;

  constructor(
    private readonly basemap: BasemapService,
    private readonly roads: Pick<RoadNetworkService, 'geojsonText'>,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Drops the indexes; the next tile rebuilds them (after an import or a grid change). */
  invalidate(): void {
    this.built = null;
  }

  /** Builds the indexes now (at start) instead of on the first tile. */
  async prepare(): Promise<void> {
    await this.indexes();
  }

  private indexes(): Promise<{ indexes: Indexes; version: string }> {
    // The road network replaced through the admin route is a new text: cut its layer again.
    if (this.built && this.roadsText !== this.roads.geojsonText) this.built = null;
    if (!this.built) {
      this.roadsText = this.roads.geojsonText;
      const attempt = this.build(this.roadsText);
      attempt.catch(() => {
        if (this.built === attempt) this.built = null;
      });
      this.built = attempt;
    }
    return this.built;
  }

  private async build(roadsText: string | null): Promise<{ indexes: Indexes; version: string }> {
    const started = performance.now();
    const stored = await this.basemap.load();
    const grids = await this.basemap.grids();
    const collections: Record<TileLayer, BasemapCollection> = {
      ...stored.layers,
      roads: roadLayerOf(roadsText),
      grids,
    };
    const indexes = {} as Indexes;
    let features = 0;
    for (const layer of TILE_LAYERS) {
      const collection = collections[layer];
      features += collection.features.length;
      indexes[layer] =
        collection.features.length === 0
          ? null
          : new GeoJSONVT(collection as unknown as ConstructorParameters<typeof GeoJSONVT>[0], {
              maxZoom: TILE_MAX_ZOOM,
              extent: EXTENT,
              buffer: 64,
              // Points keep their full detail; lines and areas are simplified per zoom.
              tolerance: 3,
            });
    }
    this.builds += 1;
    this.log.info(
      { features, ms: Math.round(performance.now() - started), build: this.builds },
      'basemap tile indexes built',
    );
    return { indexes, version: `${stored.version}.${this.builds}.${grids.features.length}` };
  }

  async tile(z: number, x: number, y: number, gzip: boolean): Promise<TileAnswer> {
    const { indexes, version } = await this.indexes();
    const layers: Parameters<typeof fromGeojsonVt>[0] = {};
    for (const layer of TILE_LAYERS) {
      const tile = indexes[layer]?.getTile(z, x, y);
      if (tile && tile.features.length > 0) layers[layer] = tile;
    }
    const etag = `"${version}-${z}-${x}-${y}${gzip ? '-gz' : ''}"`;
    if (Object.keys(layers).length === 0) return { body: null, gzip: false, etag };
    const encoded = Buffer.from(fromGeojsonVt(layers, { version: 2, extent: EXTENT }));
    return { body: gzip ? gzipSync(encoded) : encoded, gzip, etag };
  }
}
