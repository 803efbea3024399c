/**
 * The few GeoJSON (RFC 7946) types the console uses. Declared here because `@types/geojson`
 * is not a direct dependency; they are structurally compatible with MapLibre's.
 */
export type Position = number[];

export interface Point {
  type: 'Point';
  coordinates: Position;
}
export interface LineString {
  type: 'LineString';
  coordinates: Position[];
}
export interface MultiLineString {
  type: 'MultiLineString';
  coordinates: Position[][];
}
export interface Polygon {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export type Geometry = Point | LineString | MultiLineString | Polygon | MultiPolygon;

export type Properties = Record<string, unknown> | null;

export interface Feature<G extends Geometry = Geometry, P = Properties> {
  type: 'Feature';
  id?: string | number;
  geometry: G;
  properties: P;
}

export interface FeatureCollection<G extends Geometry = Geometry, P = Properties> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
}

export type GeoJSON = Geometry | Feature | FeatureCollection;
