/**
 * The offline basemap's own layers from the same OpenStreetMap file as the roads: water, land use,
 * buildings (closed ways as polygons), waterway and coastline lines, and place and POI label
 * points. Roads are not read here: the basemap draws the stored road network. Two passes like the
 * road import keep memory to the ways kept and the nodes they use. Multipolygon relations
 * (read beforehand by osm-multipolygons.ts from a .pbf) become polygons with their holes.
 */
import type { OsmElement } from './osm-roads.js';
import type { OsmTaggedNode } from './osm-places.js';
import { assembleRings, insideRing, type MultipolygonRelation } from './osm-multipolygons.js';

export const BASEMAP_LAYERS = ['water', 'landuse', 'buildings', 'places', 'pois'] as const;
/** The layers the import and the demo seed store; the tile service adds `roads` and `grids`. */
export type BasemapLayerName = (typeof BASEMAP_LAYERS)[number];

type Position = [number, number];
export type BasemapGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] };

export interface BasemapFeature {
  type: 'Feature';
  geometry: BasemapGeometry;
  properties: { class: string; name?: string; rank?: number };
}

export interface BasemapCollection {
  type: 'FeatureCollection';
  features: BasemapFeature[];
}

export type BasemapLayers = Record<BasemapLayerName, BasemapCollection>;

export type BasemapSource = () => AsyncIterable<OsmElement | OsmTaggedNode>;

const WATER_AREAS: Record<string, ReadonlySet<string>> = {
  natural: new Set(['water', 'bay', 'wetland']),
  waterway: new Set(['riverbank', 'dock', 'reservoir', 'basin']),
  landuse: new Set(['reservoir', 'basin']),
  leisure: new Set(['swimming_pool', 'marina']),
};
const WATER_LINES: Record<string, ReadonlySet<string>> = {
  waterway: new Set(['river', 'stream', 'canal', 'drain', 'ditch']),
  natural: new Set(['coastline']),
};
const LANDUSE_AREAS: Record<string, ReadonlySet<string> | 'any'> = {
  landuse: 'any',
  leisure: new Set([
    'park',
    'garden',
    'pitch',
    'playground',
    'golf_course',
    'nature_reserve',
    'stadium',
    'sports_centre',
    'track',
  ]),
  natural: new Set(['wood', 'scrub', 'grassland', 'heath', 'beach', 'sand', 'bare_rock', 'scree', 'glacier']),
  amenity: new Set(['school', 'university', 'college', 'hospital', 'grave_yard', 'parking']),
};
const PLACE_RANK: Record<string, number> = {
  city: 1,
  town: 2,
  suburb: 3,
  village: 3,
  quarter: 4,
  neighbourhood: 5,
  hamlet: 5,
  island: 4,
  islet: 5,
  locality: 6,
  square: 6,
};
/** Keys whose named features are points of interest, in the order their value becomes the class. */
const POI_KEYS = [
  'amenity',
  'shop',
  'tourism',
  'leisure',
  'historic',
  'office',
  'public_transport',
  'railway',
];

/** Chinese name first (labels are Chinese on a Chinese console), then the local name. */
export function labelOf(tags: Record<string, string>): string | undefined {
  const name = tags['name:zh-Hans'] ?? tags['name:zh'] ?? tags['name'];
  const trimmed = name?.trim();
  return trimmed ? trimmed.slice(0, 80) : undefined;
}

function matches(tags: Record<string, string>, table: Record<string, ReadonlySet<string> | 'any'>) {
  for (const [key, values] of Object.entries(table)) {
    const value = tags[key];
    if (value !== undefined && value !== 'no' && (values === 'any' || values.has(value))) return value;
  }
  return undefined;
}

/** Which layer a tagged way belongs to, with its class; null for ways the basemap does not draw. */
export function classifyWay(
  tags: Record<string, string>,
  closed: boolean,
): { layer: 'water' | 'landuse' | 'buildings'; kind: 'area' | 'line'; class: string } | null {
  if (closed && tags['area'] !== 'no') {
    const water = matches(tags, WATER_AREAS);
    if (water) return { layer: 'water', kind: 'area', class: water };
    const building = tags['building'];
    if (building !== undefined && building !== 'no')
      return { layer: 'buildings', kind: 'area', class: building === 'yes' ? 'building' : building };
    const landuse = matches(tags, LANDUSE_AREAS);
    if (landuse) return { layer: 'landuse', kind: 'area', class: landuse };
  }
  const line = matches(tags, WATER_LINES);
  if (line) return { layer: 'water', kind: 'line', class: line };
  return null;
}

/** A place label (`place=*`) or a named point of interest, else null. */
export function classifyPoint(
  tags: Record<string, string>,
): { layer: 'places' | 'pois'; class: string; rank: number } | null {
  const name = labelOf(tags);
  if (!name) return null;
  const place = tags['place'];
  if (place !== undefined && PLACE_RANK[place] !== undefined)
    return { layer: 'places', class: place, rank: PLACE_RANK[place] };
  for (const key of POI_KEYS) {
    const value = tags[key];
    if (value !== undefined && value !== 'no') return { layer: 'pois', class: value, rank: 7 };
  }
  return null;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
const valid = (lon: number, lat: number) =>
  Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;

export function emptyBasemap(): BasemapLayers {
  const layers = {} as BasemapLayers;
  for (const name of BASEMAP_LAYERS) layers[name] = { type: 'FeatureCollection', features: [] };
  return layers;
}

interface KeptWay {
  refs: number[];
  layer: 'water' | 'landuse' | 'buildings';
  kind: 'area' | 'line';
  class: string;
  name: string | undefined;
  /** A named way that is also a POI (a school's grounds): its label point at the centroid. */
  poi: { layer: 'places' | 'pois'; class: string; rank: number } | null;
}

/** Whether a multipolygon relation's tags make it a basemap area (water, land use, building). */
export function isBasemapArea(tags: Record<string, string>): boolean {
  return classifyWay(tags, true)?.kind === 'area';
}

/**
 * Reads the basemap layers from an OSM source whose reader yields node tags (`readOsmPbf(file,
 * { nodeTags: true })`); a reader without node tags gives the areas and lines only.
 * `relations`: the file's multipolygons (`readMultipolygons(file, isBasemapArea)`).
 */
export async function osmBasemap(
  source: BasemapSource,
  relations: readonly MultipolygonRelation[] = [],
): Promise<BasemapLayers> {
  const layers = emptyBasemap();
  const ways: KeptWay[] = [];
  const needed = new Set<number>();
  const members = new Map<number, number[]>();
  for (const r of relations) for (const id of [...r.outer, ...r.inner]) members.set(id, []);
  for await (const element of source()) {
    if (element.type === 'node') {
      const tags = (element as OsmTaggedNode).tags;
      if (!tags || !valid(element.lon, element.lat)) continue;
      const point = classifyPoint(tags);
      if (point)
        layers[point.layer].features.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [round(element.lon), round(element.lat)] },
          properties: { class: point.class, name: labelOf(tags)!, rank: point.rank },
        });
    } else if (element.type === 'way') {
      const refs = element.refs;
      if (members.has(element.id)) {
        members.set(element.id, refs);
        for (const ref of refs) needed.add(ref);
      }
      const closed = refs.length >= 4 && refs[0] === refs.at(-1);
      const kind = classifyWay(element.tags, closed);
      const point = classifyPoint(element.tags);
      if (!kind && !point) continue;
      ways.push({
        refs,
        layer: kind?.layer ?? 'landuse',
        kind: kind?.kind ?? 'line',
        class: kind?.class ?? '',
        name: labelOf(element.tags),
        poi: point,
      });
      for (const ref of refs) needed.add(ref);
    }
  }
  if (ways.length === 0 && relations.length === 0) return layers;
  // Only the nodes kept ways use, packed: a city has millions of nodes.
  const lon = new Map<number, number>();
  const lat = new Map<number, number>();
  for await (const element of source()) {
    if (element.type === 'node' && needed.has(element.id) && valid(element.lon, element.lat)) {
      lon.set(element.id, round(element.lon));
      lat.set(element.id, round(element.lat));
    }
  }
  for (const way of ways) {
    const coords: Position[] = [];
    let missing = false;
    for (const ref of way.refs) {
      const x = lon.get(ref);
      const y = lat.get(ref);
      if (x === undefined || y === undefined) {
        missing = true;
        break;
      }
      coords.push([x, y]);
    }
    // A clipped extract leaves ways without some nodes: left out, not guessed.
    if (missing || coords.length < 2) continue;
    if (way.class) {
      const geometry: BasemapGeometry =
        way.kind === 'area'
          ? { type: 'Polygon', coordinates: [coords] }
          : { type: 'LineString', coordinates: coords };
      layers[way.layer].features.push({
        type: 'Feature',
        geometry,
        properties: { class: way.class, ...(way.name ? { name: way.name } : {}) },
      });
    }
    if (way.poi && way.name) {
      const ring = coords.length > 1 && way.refs[0] === way.refs.at(-1) ? coords.slice(1) : coords;
      const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
      const cy = ring.reduce((s, p) => s + p[1], 0) / ring.length;
      layers[way.poi.layer].features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [round(cx), round(cy)] },
        properties: { class: way.poi.class, name: way.name, rank: way.poi.rank },
      });
    }
  }
  for (const relation of relations) {
    const kind = classifyWay(relation.tags, true);
    if (!kind) continue;
    const line = (id: number): Position[] => {
      const coords: Position[] = [];
      for (const ref of members.get(id) ?? []) {
        const x = lon.get(ref);
        const y = lat.get(ref);
        if (x === undefined || y === undefined) return [];
        coords.push([x, y]);
      }
      return coords;
    };
    const outers = assembleRings(relation.outer.map(line));
    const inners = assembleRings(relation.inner.map(line));
    const name = labelOf(relation.tags);
    for (const outer of outers) {
      const holes = inners.filter((ring) => insideRing(ring[0]!, outer));
      layers[kind.layer].features.push({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [outer, ...holes] },
        properties: { class: kind.class, ...(name ? { name } : {}) },
      });
    }
  }
  return layers;
}

/** Feature counts per layer, for the import's report. */
export function basemapCounts(layers: BasemapLayers): Record<BasemapLayerName, number> {
  const counts = {} as Record<BasemapLayerName, number>;
  for (const name of BASEMAP_LAYERS) counts[name] = layers[name].features.length;
  return counts;
}
