/** Public shapes of the generated demo city. All coordinates are `[lng, lat]`. */
import type { Capability, IncidentType, LngLat, MinStaffing, PostKind, UnitKind } from '@dispatch/domain';
import type { Feature, FeatureCollection, LineString, Polygon } from './geojson.js';

export const HIGHWAY_CLASSES = [
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'residential',
  'service',
] as const;
/** OpenStreetMap `highway=*` values used by the generator. */
export type HighwayClass = (typeof HIGHWAY_CLASSES)[number];

/** OpenStreetMap-style tags of one road way. Coordinates of a `oneway` way run in travel direction. */
export interface RoadProperties {
  highway: HighwayClass;
  name?: string;
  ref?: string;
  /** km/h, set on some ways only (as in OSM). */
  maxspeed?: number;
  oneway?: 'yes';
  bridge?: 'yes';
  layer?: number;
}

export interface RiverProperties {
  name: string;
  waterway: 'river';
  widthMeters: number;
}

export type GridZone = 'old_town' | 'urban' | 'suburban';

/** A patrol zone (网格). */
export interface GridSpec {
  /** `G01`, `G02`, ... in reading order (north-west first). */
  code: string;
  name: string;
  /** Name of the parent police station (派出所). */
  precinct: string;
  zone: GridZone;
  minStaffing: MinStaffing;
  polygon: Polygon;
  centroid: LngLat;
  areaSquareMeters: number;
}

export type GridProperties = Pick<GridSpec, 'code' | 'name' | 'precinct' | 'zone' | 'minStaffing'>;

/** A police station (派出所) and the grids it commands. */
export interface PrecinctSpec {
  code: string;
  name: string;
  /** Station location, on a road. */
  lngLat: LngLat;
  gridCodes: string[];
}

/** A street police post (街面警务站) or a drone nest (无人机机巢), on a road. */
export interface PostSpec {
  code: string;
  name: string;
  kind: PostKind;
  lngLat: LngLat;
  gridCode: string;
}

export interface UnitSpec {
  /** Unique, e.g. `湖滨-巡03`. */
  callSign: string;
  kind: UnitKind;
  homeGridCode: string;
  precinct: string;
  /** Start position: a road vertex in the home grid; post units and drones at their post. */
  lngLat: LngLat;
  capabilities: Capability[];
  status: 'available' | 'off_duty';
  /** Post (street post or drone nest) of `post` and `drone` units. */
  postCode?: string;
}

export const HOTSPOT_KINDS = [
  'railway_station',
  'bus_station',
  'commercial_street',
  'bar_street',
  'market',
  'night_market',
  'shopping_mall',
  'university',
  'hospital',
  'stadium',
  'scenic_area',
  'urban_village',
  'motorway_exit',
] as const;
export type HotspotKind = (typeof HOTSPOT_KINDS)[number];

/** A place that draws incidents, for the call generator. */
export interface Hotspot {
  code: string;
  name: string;
  kind: HotspotKind;
  /** Centre, on a road vertex. */
  lngLat: LngLat;
  radiusMeters: number;
  /** Relative share of all hotspot incidents (weights of all hotspots sum to 1). */
  weight: number;
  /** Relative mix of incident types here (unnormalised). */
  incidentWeights: Partial<Record<IncidentType, number>>;
  /** 24 multipliers, index = local hour; mean 1. */
  hourlyProfile: number[];
  gridCode: string;
}

/** `[minLng, minLat, maxLng, maxLat]`. */
export type BBox = [number, number, number, number];

/** Sizes of the generated road network, for reports and benchmarks. */
export interface RoadStats {
  /** LineString features. */
  featureCount: number;
  /** Distinct coordinates over all features (what a per-vertex graph builder makes nodes of). */
  vertexCount: number;
  /** Consecutive coordinate pairs over all features. */
  segmentCount: number;
  /** Junctions and dead ends of the noded network (vertices where ways meet or end). */
  junctionCount: number;
  /** Road pieces between two junctions. */
  edgeCount: number;
  lengthMeters: number;
  bridgeCount: number;
  onewayFeatureCount: number;
}

export interface DemoCityOptions {
  /** Any 32-bit integer; same seed, same city. Default 110. */
  seed?: number;
  /** Number of grids, 30-51. Default 42. */
  grids?: number;
  /** Number of units, 100-1000. Default 220. */
  units?: number;
  /** Road network size factor, 0.25-30 (area grows linearly, ~5k vertices per unit). Default 1. */
  scale?: number;
}

export interface DemoCity {
  options: Required<DemoCityOptions>;
  center: LngLat;
  bbox: BBox;
  roads: FeatureCollection<LineString, RoadProperties>;
  river: Feature<LineString, RiverProperties>;
  grids: GridSpec[];
  gridsGeoJson: FeatureCollection<Polygon, GridProperties>;
  precincts: PrecinctSpec[];
  posts: PostSpec[];
  units: UnitSpec[];
  hotspots: Hotspot[];
  roadStats: RoadStats;
}
