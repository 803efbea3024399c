/** Road-name search for call intake: one representative point per named road. */
import type { RoadFeatureCollection } from '../api/endpoints.js';

export interface RoadPlace {
  name: string;
  /** Middle vertex of the road's longest named segment. */
  lngLat: [number, number];
}

/** Groups named road segments by name and keeps the middle of the longest (by vertex count). */
export function buildRoadIndex(roads: RoadFeatureCollection): RoadPlace[] {
  const longest = new Map<string, [number, number][]>();
  for (const feature of roads.features) {
    const name = feature.properties?.name?.trim();
    if (!name || feature.geometry?.type !== 'LineString') continue;
    const coords = feature.geometry.coordinates as [number, number][];
    if (coords.length === 0) continue;
    const held = longest.get(name);
    if (!held || coords.length > held.length) longest.set(name, coords);
  }
  const places: RoadPlace[] = [];
  for (const [name, coords] of longest) {
    const mid = coords[Math.floor(coords.length / 2)];
    if (mid) places.push({ name, lngLat: [mid[0], mid[1]] });
  }
  return places.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Roads whose name contains `query` (case-insensitive), names starting with it first. */
export function searchRoads(places: readonly RoadPlace[], query: string, limit = 8): RoadPlace[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const starts: RoadPlace[] = [];
  const contains: RoadPlace[] = [];
  for (const place of places) {
    const name = place.name.toLowerCase();
    if (name.startsWith(q)) starts.push(place);
    else if (name.includes(q)) contains.push(place);
  }
  return [...starts, ...contains].slice(0, limit);
}
