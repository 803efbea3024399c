/**
 * The small GeoJSON (RFC 7946) subset the generator emits. Structurally compatible with
 * `@types/geojson`, which this package does not depend on.
 */

/** `[lng, lat]`. Mutable so the values can be handed to map libraries as they are. */
export type Position = [number, number];

export interface LineString {
  type: 'LineString';
  coordinates: Position[];
}

/** First ring is the outer ring, counter-clockwise and closed (first position repeated last). */
export interface Polygon {
  type: 'Polygon';
  coordinates: Position[][];
}

export interface Feature<G, P> {
  type: 'Feature';
  id?: number | string;
  geometry: G;
  properties: P;
}

export interface FeatureCollection<G, P> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
}
