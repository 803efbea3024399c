/**
 * What the simulator derives from the server's public map data: road vertices per grid (where
 * free units patrol) and named places for calls off the hot spots.
 */
import type { LngLat } from '@dispatch/domain';
import type { BackgroundPlace } from './call-generator.js';

type Ring = readonly (readonly number[])[];
export type GridPolygon =
  { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

export interface RoadFeature {
  type: 'Feature';
  properties?: { highway?: string; name?: string } | null;
  geometry: { type: string; coordinates: unknown } | null;
}

/** Classes patrols do not cruise on (motorways) or that lead nowhere useful. */
const NO_PATROL = new Set(['motorway', 'motorway_link', 'trunk_link', 'service']);

function inRing(p: LngLat, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Even-odd point in (multi)polygon test; holes are rings after the first. */
export function pointInPolygon(p: LngLat, polygon: GridPolygon): boolean {
  const polygons = polygon.type === 'Polygon' ? [polygon.coordinates] : polygon.coordinates;
  for (const rings of polygons) {
    const [outer, ...holes] = rings;
    if (outer && inRing(p, outer) && !holes.some((h) => inRing(p, h))) return true;
  }
  return false;
}

function lineStrings(feature: RoadFeature): LngLat[][] {
  const g = feature.geometry;
  if (!g) return [];
  if (g.type === 'LineString') return [g.coordinates as LngLat[]];
  if (g.type === 'MultiLineString') return g.coordinates as LngLat[][];
  return [];
}

/** Distinct road vertices fit for patrolling, with their road name. */
export function patrolVertices(roads: readonly RoadFeature[]): BackgroundPlace[] {
  const seen = new Set<string>();
  const out: BackgroundPlace[] = [];
  for (const f of roads) {
    if (NO_PATROL.has(f.properties?.highway ?? '')) continue;
    for (const line of lineStrings(f)) {
      for (const c of line) {
        const key = `${c[0].toFixed(6)},${c[1].toFixed(6)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ lngLat: [c[0], c[1]], name: f.properties?.name ?? '' });
      }
    }
  }
  return out;
}

/** Patrol vertices of each grid (by id); a grid with none gets its polygon's first vertex. */
export function verticesByGrid(
  vertices: readonly BackgroundPlace[],
  grids: readonly { id: string; polygon: GridPolygon }[],
): Map<string, LngLat[]> {
  const byGrid = new Map<string, LngLat[]>(grids.map((g) => [g.id, []]));
  for (const v of vertices) {
    for (const g of grids) {
      if (pointInPolygon(v.lngLat, g.polygon)) {
        byGrid.get(g.id)!.push(v.lngLat);
        break;
      }
    }
  }
  for (const g of grids) {
    const list = byGrid.get(g.id)!;
    if (list.length === 0) {
      const first = (
        g.polygon.type === 'Polygon' ? g.polygon.coordinates[0] : g.polygon.coordinates[0]?.[0]
      )?.[0];
      if (first) list.push([first[0]!, first[1]!]);
    }
  }
  return byGrid;
}
