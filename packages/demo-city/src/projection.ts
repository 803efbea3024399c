/**
 * Local equirectangular projection around the city centre. Over ~20 km its error is far below
 * the jitter of the generated streets, and it is linear per axis, so straight lines and
 * polygon containment survive the conversion to lng/lat.
 */
import type { LngLat } from '@dispatch/domain';
import type { XY } from './geometry.js';
import type { Position } from './geojson.js';

/** Output coordinates are rounded to 1e-7 degree (about 1 cm) to keep the GeoJSON compact. */
const ROUND = 1e7;

export interface Projection {
  readonly center: LngLat;
  readonly metersPerDegreeLng: number;
  readonly metersPerDegreeLat: number;
  /** Local meters to rounded `[lng, lat]`; equal inputs give identical outputs. */
  toLngLat(point: XY): Position;
  /** `[lng, lat]` to local meters. */
  toXY(lngLat: LngLat): XY;
}

export function createProjection(center: LngLat): Projection {
  const phi = (center[1] * Math.PI) / 180;
  const metersPerDegreeLat = 111132.92 - 559.82 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
  const metersPerDegreeLng = 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);
  return {
    center,
    metersPerDegreeLng,
    metersPerDegreeLat,
    toLngLat: (p) => [
      Math.round((center[0] + p[0] / metersPerDegreeLng) * ROUND) / ROUND,
      Math.round((center[1] + p[1] / metersPerDegreeLat) * ROUND) / ROUND,
    ],
    toXY: (l) => [(l[0] - center[0]) * metersPerDegreeLng, (l[1] - center[1]) * metersPerDegreeLat],
  };
}
