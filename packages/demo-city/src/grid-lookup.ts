import type { LngLat } from '@dispatch/domain';
import { pointInRing } from './geometry.js';
import type { GridSpec } from './types.js';

/**
 * Code of the grid containing `lngLat` (ray casting), or null outside the city. Grids tile the
 * city, so inside it exactly one grid answers, also on shared edges.
 */
export function gridCodeAt(
  city: { readonly grids: readonly Pick<GridSpec, 'code' | 'polygon'>[] },
  lngLat: LngLat,
): string | null {
  for (const grid of city.grids) {
    const ring = grid.polygon.coordinates[0];
    if (ring && pointInRing(lngLat, ring)) return grid.code;
  }
  return null;
}
