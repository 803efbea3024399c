/**
 * The offline basemap's stored layers (`basemap_layer`, one GeoJSON FeatureCollection per layer):
 * written by the OSM import and the demo seed, read by the tile service on every node.
 */
import type { Prisma } from '../generated/prisma/client.js';
import { BASEMAP_LAYERS, emptyBasemap, type BasemapCollection, type BasemapLayers } from '@dispatch/basemap';
import type { ServiceContext, Tx } from './context.js';

/** Replaces every stored layer in one transaction (a layer missing from `layers` is emptied). */
export async function storeBasemap(tx: Tx, layers: BasemapLayers, source: string): Promise<void> {
  await tx.basemapLayer.deleteMany({});
  await tx.basemapLayer.createMany({
    data: BASEMAP_LAYERS.map((layer) => ({
      layer,
      geojson: layers[layer] as unknown as Prisma.InputJsonValue,
      featureCount: layers[layer].features.length,
      source,
    })),
  });
}

export interface StoredBasemap {
  layers: BasemapLayers;
  /** Changes whenever the layers are replaced (the tiles' ETag). */
  version: string;
}

export class BasemapService {
  constructor(private readonly ctx: Pick<ServiceContext, 'prisma'>) {}

  async replace(layers: BasemapLayers, source: string): Promise<void> {
    await this.ctx.prisma.$transaction((tx) => storeBasemap(tx, layers, source), {
      timeout: 120_000,
      maxWait: 30_000,
    });
  }

  async load(): Promise<StoredBasemap> {
    const rows = await this.ctx.prisma.basemapLayer.findMany();
    const layers = emptyBasemap();
    let newest = 0;
    for (const row of rows) {
      if (!(BASEMAP_LAYERS as readonly string[]).includes(row.layer)) continue;
      layers[row.layer as keyof BasemapLayers] = row.geojson as unknown as BasemapCollection;
      newest = Math.max(newest, row.importedAt.getTime());
    }
    return { layers, version: newest.toString(36) };
  }

  /** Grid outlines with their code and name, for the basemap's top layer. */
  async grids(): Promise<BasemapCollection> {
    const rows = await this.ctx.prisma.grid.findMany({ select: { code: true, name: true, polygon: true } });
    return {
      type: 'FeatureCollection',
      features: rows.map((g) => ({
        type: 'Feature',
        geometry: g.polygon as unknown as BasemapCollection['features'][number]['geometry'],
        properties: { class: 'grid', name: g.name, code: g.code } as { class: string; name: string },
      })),
    };
  }
}
