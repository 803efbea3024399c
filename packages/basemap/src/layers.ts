/**
 * What the offline basemap draws from OpenStreetMap tags: its layers, which ways are water, land
 * use or buildings (areas) or waterways (lines), which nodes are place or POI labels, and which
 * name a label shows (Chinese first). Pure rules; the server's importer reads the file.
 */
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

export function emptyBasemap(): BasemapLayers {
  const layers = {} as BasemapLayers;
  for (const name of BASEMAP_LAYERS) layers[name] = { type: 'FeatureCollection', features: [] };
  return layers;
}

/** Whether a multipolygon relation's tags make it a basemap area (water, land use, building). */
export function isBasemapArea(tags: Record<string, string>): boolean {
  return classifyWay(tags, true)?.kind === 'area';
}

/** Feature counts per layer, for the import's report. */
export function basemapCounts(layers: BasemapLayers): Record<BasemapLayerName, number> {
  const counts = {} as Record<BasemapLayerName, number>;
  for (const name of BASEMAP_LAYERS) counts[name] = layers[name].features.length;
  return counts;
}
