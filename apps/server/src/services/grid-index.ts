/** Which grid cell contains a point: an in-memory index over the grid polygons, reloaded on change. */
import type { LngLat } from '@dispatch/domain';
import type { PrismaClient } from '../generated/prisma/client.js';

type Ring = readonly (readonly number[])[];
interface IndexedGrid {
  id: string;
  code: string;
  stationId: string | null;
  bbox: [number, number, number, number];
  polygons: Ring[][];
}

function ringContains(ring: Ring, lng: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Polygons of a GeoJSON Polygon/MultiPolygon geometry; [] for anything else. */
export function polygonsOf(geometry: unknown): Ring[][] {
  const g = geometry as { type?: string; coordinates?: unknown };
  if (g?.type === 'Polygon' && Array.isArray(g.coordinates)) return [g.coordinates as Ring[]];
  if (g?.type === 'MultiPolygon' && Array.isArray(g.coordinates)) return g.coordinates as Ring[][];
  return [];
}

export class GridIndex {
  private grids: IndexedGrid[] = [];
  /** Bumped on every load, so users of the polygons (coverage zones) know to rebuild. */
  version = 0;

  async load(prisma: PrismaClient): Promise<void> {
    const rows = await prisma.grid.findMany({
      select: { id: true, code: true, polygon: true, stationId: true },
    });
    this.grids = rows.map((row) => {
      const polygons = polygonsOf(row.polygon);
      const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const polygon of polygons)
        for (const [lng = 0, lat = 0] of polygon[0] ?? []) {
          bbox[0] = Math.min(bbox[0], lng);
          bbox[1] = Math.min(bbox[1], lat);
          bbox[2] = Math.max(bbox[2], lng);
          bbox[3] = Math.max(bbox[3], lat);
        }
      return { id: row.id, code: row.code, stationId: row.stationId, bbox, polygons };
    });
    this.version += 1;
  }

  /** Ids of every indexed grid, in load order. */
  ids(): string[] {
    return this.grids.map((g) => g.id);
  }

  /** Station (police station area) of each indexed grid, in load order: null for none. */
  stations(): (string | null)[] {
    return this.grids.map((g) => g.stationId);
  }

  /** Id of the grid containing `lngLat` (holes respected), or null outside every grid. */
  locate(lngLat: LngLat): string | null {
    const [lng, lat] = lngLat;
    for (const grid of this.grids) {
      const [minX, minY, maxX, maxY] = grid.bbox;
      if (lng < minX || lng > maxX || lat < minY || lat > maxY) continue;
      for (const [outer, ...holes] of grid.polygons) {
        if (outer && ringContains(outer, lng, lat) && !holes.some((h) => ringContains(h, lng, lat)))
          return grid.id;
      }
    }
    return null;
  }
}
