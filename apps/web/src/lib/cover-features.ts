/**
 * GeoJSON of the cover layers: recommended standby points (a point per unit and the line from
 * where it stands) and the heat map's H3 cells, each cell with its share of the busiest cell.
 */
import type { HotspotMapDto, StandbyOrderDto, StandbyRecommendationDto } from '@dispatch/contracts';
import type { Feature, FeatureCollection } from './geojson.js';

/** Whether `order` sends its unit to `point` (the recommendation was acted on). */
export function isOrderedTo(order: StandbyOrderDto | undefined, point: readonly [number, number]): boolean {
  if (!order || order.status !== 'active') return false;
  return Math.abs(order.lngLat[0] - point[0]) < 1e-7 && Math.abs(order.lngLat[1] - point[1]) < 1e-7;
}

/** Lines from each unit to its point, then the points (drawn above), with `ordered` per unit. */
export function buildStandbyPointFeatures(
  units: readonly StandbyRecommendationDto[],
  orders: Readonly<Record<string, StandbyOrderDto>>,
): FeatureCollection {
  const paths: Feature[] = [];
  const points: Feature[] = [];
  for (const u of units) {
    const ordered = isOrderedTo(orders[u.unitId], u.point.lngLat);
    const properties = { unitId: u.unitId, gridId: u.point.gridId, ordered };
    paths.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [[...u.lngLat], [...u.point.lngLat]] },
      properties: { ...properties, kind: 'path' },
    });
    points.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [...u.point.lngLat] },
      properties: { ...properties, kind: 'point' },
    });
  }
  return { type: 'FeatureCollection', features: [...paths, ...points] };
}

/** The heat map's cells, each with `level` = its expected incidents over the busiest cell's (0..1]. */
export function buildHotspotFeatures(map: HotspotMapDto | null): FeatureCollection {
  if (!map) return { type: 'FeatureCollection', features: [] };
  const max = map.cells.features.reduce((m, f) => Math.max(m, f.properties.expectedIncidents), 0);
  return {
    type: 'FeatureCollection',
    features: map.cells.features.map((f) => ({
      type: 'Feature',
      id: f.id,
      geometry: {
        type: 'Polygon',
        coordinates: f.geometry.coordinates.map((ring) => ring.map((p) => [...p])),
      },
      properties: {
        cell: f.properties.cell,
        expectedIncidents: f.properties.expectedIncidents,
        level: max > 0 ? f.properties.expectedIncidents / max : 0,
      },
    })),
  };
}
