/**
 * The last steps every generated deployment shares, the demo city's and one on imported roads
 * (city-on-roads.ts): grids with their minimum staffing, their GeoJSON, and each precinct's
 * station on the junction nearest its centre.
 */
import type { MinStaffing } from '@dispatch/domain';
import { distance } from './geometry.js';
import type { GridDraft, PrecinctDraft } from './grids.js';
import type { Projection } from './projection.js';
import type { RoadJunction } from './roads.js';
import type { DemoCity, GridSpec, PrecinctSpec } from './types.js';

export function gridSpecs(
  drafts: readonly GridDraft[],
  minima: ReadonlyMap<string, MinStaffing>,
): GridSpec[] {
  return drafts.map((g) => ({
    code: g.code,
    name: g.name,
    precinct: g.precinct,
    zone: g.zone,
    minStaffing: minima.get(g.code) ?? {},
    polygon: g.polygon,
    centroid: g.centroid,
    areaSquareMeters: g.areaSquareMeters,
  }));
}

export function gridsGeoJson(grids: readonly GridSpec[]): DemoCity['gridsGeoJson'] {
  return {
    type: 'FeatureCollection',
    features: grids.map((g) => ({
      type: 'Feature',
      id: g.code,
      properties: {
        code: g.code,
        name: g.name,
        precinct: g.precinct,
        zone: g.zone,
        minStaffing: g.minStaffing,
      },
      geometry: g.polygon,
    })),
  };
}

/** Each precinct's station: the junction (3+ ways, no motorway) nearest its centre, else the centre. */
export function precinctSpecs(
  drafts: readonly PrecinctDraft[],
  junctions: readonly RoadJunction[],
  gridOf: (j: RoadJunction) => { code: string },
  projection: Projection,
): PrecinctSpec[] {
  return drafts.map((p) => {
    let station: RoadJunction | undefined;
    for (const j of junctions)
      if (p.gridCodes.includes(gridOf(j).code) && j.degree >= 3 && j.highway !== 'motorway')
        if (!station || distance(j.xy, p.centroidXY) < distance(station.xy, p.centroidXY)) station = j;
    const at = station?.lngLat ?? projection.toLngLat(p.centroidXY);
    return { code: p.code, name: p.name, lngLat: [at[0]!, at[1]!], gridCodes: [...p.gridCodes] };
  });
}
