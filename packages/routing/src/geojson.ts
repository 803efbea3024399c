/**
 * The few GeoJSON (RFC 7946) shapes this package reads and writes. Declared here so the package
 * needs no type dependency; structurally compatible with `@types/geojson`.
 */

export type Position = readonly number[];

export interface LineStringGeometry {
  readonly type: 'LineString';
  readonly coordinates: readonly Position[];
}

export interface MultiLineStringGeometry {
  readonly type: 'MultiLineString';
  readonly coordinates: readonly (readonly Position[])[];
}

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: number[][][];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}

/** A feature as read from input: geometry and properties are checked at runtime. */
export interface InputFeature {
  readonly type?: string;
  readonly id?: string | number | null;
  readonly geometry?: unknown;
  readonly properties?: Readonly<Record<string, unknown>> | null;
}

/** Road network input: a FeatureCollection of (Multi)LineStrings with OSM-style properties. */
export interface RoadFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly InputFeature[];
}

export interface Feature<G, P> {
  type: 'Feature';
  geometry: G;
  properties: P;
}

export interface FeatureCollection<G, P> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
}
