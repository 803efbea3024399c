import type { LngLat } from '@dispatch/domain';
import type { InputFeature, RoadFeatureCollection } from '../geojson.js';

/** Degrees per meter near lat 39.9 (for laying out test streets in meters). */
export const DEG_LAT_PER_M = 1 / 111_195;
export const DEG_LNG_PER_M = DEG_LAT_PER_M / Math.cos((39.9 * Math.PI) / 180);

/** `[lng, lat]` of a point `x` meters east and `y` meters north of a fixed origin. */
export function at(x: number, y: number): LngLat {
  return [116.4 + x * DEG_LNG_PER_M, 39.9 + y * DEG_LAT_PER_M];
}

/** A LineString road through points given in meters. */
export function road(
  points: readonly (readonly [number, number])[],
  properties: Record<string, unknown> = {},
): InputFeature {
  return {
    type: 'Feature',
    properties: { highway: 'residential', driveSpeedKmh: 36, ...properties },
    geometry: { type: 'LineString', coordinates: points.map(([x, y]) => at(x, y)) },
  };
}

export function collection(features: readonly InputFeature[]): RoadFeatureCollection {
  return { type: 'FeatureCollection', features };
}
