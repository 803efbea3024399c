/**
 * Vector tiles of the offline basemap, cut on demand with geojson-vt (one index per layer, built
 * once from the database and the road network in memory) and encoded with vt-pbf: MapLibre's own
 * libraries, pure JavaScript, so PGlite and PostgreSQL nodes serve the same tiles with no PostGIS.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { FastifyBaseLogger } from 'fastify';
import { BASEMAP_SOURCE_LAYERS, BASEMAP_TILE_MAX_ZOOM } from '@dispatch/contracts';
import type { BasemapCollection } from '@dispatch/basemap';
import type { BasemapService } from './basemap-service.js';
import type { RoadNetworkService } from './road-network-service.js';

/** Source layers of every tile, bottom to top. */
export const TILE_LAYERS = BASEMAP_SOURCE_LAYERS;
export type TileLayer = (typeof TILE_LAYERS)[number];
/** Deepest zoom cut with full detail; the style overzooms beyond it. */
export const TILE_MAX_ZOOM = BASEMAP_TILE_MAX_ZOOM;
const EXTENT = 4096;
/** How old the grid outlines in the tiles may get (42-200 rows to read; cut again only if changed). */
const GRID_REFRESH_MS = 30_000;

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

function indexOf(collection: BasemapCollection): GeoJSONVT | null {
  if (collection.features.length === 0) return null;
  return new GeoJSONVT(collection as unknown as ConstructorParameters<typeof GeoJSONVT>[0], {
    maxZoom: TILE_MAX_ZOOM,
    extent: EXTENT,
    buffer: 64,
    // Lines and areas are simplified per zoom; points keep their position.
    tolerance: 3,
  });
}

interface Built {
  indexes: Indexes;
  version: string;
}

export class TileService {
  private base: Promise<{ indexes: Omit<Indexes, 'grids'>; version: string }> | null = null;
  private roadsText: string | null = null;
  private grids: Promise<{ index: GeoJSONVT | null; signature: string }> | null = null;
  private gridsStale = false;
  private gridsReadAt = 0;
  private builds = 0;

  constructor(
    private readonly basemap: BasemapService,
    private readonly roads: Pick<RoadNetworkService, 'geojsonText'>,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Drops every index; the next tile rebuilds them (after an import). */
  invalidate(): void {
    this.base = null;
    this.grids = null;
  }

  /**
   * A grid changed (`grid:updated`): the grids are read again on the next tile, as they are
   * anyway once they are older than GRID_REFRESH_MS (a rename or an import on another node sends
   * no event here). Their index is cut again only if an outline or a name differs.
   */
  gridsChanged(): void {
    this.gridsStale = true;
  }

  /** Builds the indexes now (at start) instead of on the first tile. */
  async prepare(): Promise<void> {
    await this.indexes();
  }

  private async indexes(): Promise<Built> {
    // The road network replaced through the admin route is a new text: cut its layer again.
    if (this.base && this.roadsText !== this.roads.geojsonText) this.base = null;
    if (!this.base) {
      this.roadsText = this.roads.geojsonText;
      this.base = this.retryOnFailure(this.buildBase(this.roadsText), () => (this.base = null));
    }
    if (!this.grids || this.gridsStale || Date.now() - this.gridsReadAt > GRID_REFRESH_MS) {
      this.gridsStale = false;
      this.gridsReadAt = Date.now();
      const previous = this.grids;
      this.grids = this.retryOnFailure(this.buildGrids(previous), () => (this.grids = null));
    }
    const [base, grids] = await Promise.all([this.base, this.grids]);
    const hash = createHash('sha1').update(grids.signature).digest('base64url').slice(0, 10);
    return { indexes: { ...base.indexes, grids: grids.index }, version: `${base.version}.${hash}` };
  }

  private retryOnFailure<T>(attempt: Promise<T>, drop: () => void): Promise<T> {
    attempt.catch(drop);
    return attempt;
  }

  private async buildBase(roadsText: string | null) {
    const started = performance.now();
    const stored = await this.basemap.load();
    const collections = { ...stored.layers, roads: roadLayerOf(roadsText) };
    const indexes = {} as Omit<Indexes, 'grids'>;
    let features = 0;
    for (const layer of TILE_LAYERS) {
      if (layer === 'grids') continue;
      features += collections[layer].features.length;
      indexes[layer] = indexOf(collections[layer]);
    }
    this.builds += 1;
    this.log.info(
      { features, ms: Math.round(performance.now() - started), build: this.builds },
      'basemap tile indexes built',
    );
    return { indexes, version: `${stored.version}.${this.builds}` };
  }

  private async buildGrids(previous: Promise<{ index: GeoJSONVT | null; signature: string }> | null) {
    const grids = await this.basemap.grids();
    const signature = JSON.stringify(grids.features);
    const old = await previous?.catch(() => null);
    if (old && old.signature === signature) return old;
    return { index: indexOf(grids), signature };
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
