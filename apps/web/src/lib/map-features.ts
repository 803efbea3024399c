/**
 * GeoJSON built from store state for the map's sources. Pure (no MapLibre), so it is tested
 * in jsdom and measured by the position benchmark.
 */
import type { GridCoverageDto, GridDto, IncidentDto, MoveUpDto } from '@dispatch/contracts';
import type { ClockTargets, UnitStatus } from '@dispatch/domain';
import type { AssignmentRoute } from '../stores/ui-store.js';
import { incidentClocks, worstWarning } from './incident-clocks.js';
import { isOnBoard } from './incident-queue.js';
import type { Point2 } from './unit-animator.js';
import type {
  Feature,
  FeatureCollection,
  Geometry,
  LineString,
  MultiPolygon,
  Point,
  Polygon,
} from './geojson.js';

export type UnitFeatureProps = {
  id: string;
  callSign: string;
  kind: string;
  status: UnitStatus;
  selected: boolean;
  candidate: boolean;
};

export type UnitFeatureCollection = FeatureCollection<Point, UnitFeatureProps>;

export interface UnitLike {
  id: string;
  callSign: string;
  kind: string;
  status: UnitStatus;
}

/**
 * One point per unit with a known position; `positionOf` supplies the drawn (possibly
 * interpolated) position. Off-duty units are left off the map.
 */
export function buildUnitFeatures(
  units: Readonly<Record<string, UnitLike>>,
  positionOf: (id: string) => Point2 | undefined,
  highlight: { selectedId?: string | null; candidateIds?: ReadonlySet<string> } = {},
): UnitFeatureCollection {
  const features: Feature<Point, UnitFeatureProps>[] = [];
  for (const id in units) {
    const unit = units[id] as UnitLike;
    if (unit.status === 'off_duty') continue;
    const at = positionOf(id);
    if (!at) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [at[0], at[1]] },
      properties: {
        id,
        callSign: unit.callSign,
        kind: unit.kind,
        status: unit.status,
        selected: highlight.selectedId === id,
        candidate: highlight.candidateIds?.has(id) ?? false,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

export type IncidentFeatureProps = {
  id: string;
  number: string;
  priority: number;
  status: string;
  warning: 'ok' | 'amber' | 'red';
  breached: boolean;
  selected: boolean;
};

/** Open incidents as points, with their worst clock warning (red ones pulse on the map). */
export function buildIncidentFeatures(
  incidents: Iterable<IncidentDto>,
  now: number,
  targets: ClockTargets,
  selectedId: string | null = null,
): FeatureCollection<Point, IncidentFeatureProps> {
  const features: Feature<Point, IncidentFeatureProps>[] = [];
  for (const incident of incidents) {
    if (!isOnBoard(incident)) continue;
    const warning = worstWarning(incidentClocks(incident, now, targets));
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [incident.lngLat[0], incident.lngLat[1]] },
      properties: {
        id: incident.id,
        number: incident.number,
        priority: incident.priority,
        status: incident.status,
        warning,
        breached: warning === 'red',
        selected: incident.id === selectedId,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Grid polygons with their staffing status and live coverage level (null until known), for
 * outline + data-driven fills.
 */
export function buildGridFeatures(
  grids: Iterable<GridDto>,
  coverage: Readonly<Record<string, Pick<GridCoverageDto, 'level'>>> = {},
): FeatureCollection<Polygon | MultiPolygon> {
  const features: Feature<Polygon | MultiPolygon>[] = [];
  for (const grid of grids) {
    const geometry = grid.polygon as Geometry | null;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
    features.push({
      type: 'Feature',
      geometry,
      properties: {
        id: grid.id,
        code: grid.code,
        name: grid.name,
        status: grid.staffing.status,
        coverage: coverage[grid.id]?.level ?? null,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Route lines of assigned units; straight-line estimates are drawn dashed by the layer. */
export function buildRouteFeatures(routes: Iterable<AssignmentRoute>): FeatureCollection<LineString> {
  const features: Feature<LineString>[] = [];
  for (const route of routes) {
    if (route.coordinates.length < 2) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: route.coordinates.map((c) => [c[0], c[1]]) },
      properties: {
        assignmentId: route.assignmentId,
        unitId: route.unitId,
        method: route.method,
        etaSeconds: route.etaSeconds,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** A single point (the location being taken on a call), or an empty collection. */
export function pointCollection(lngLat: readonly [number, number] | null): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: lngLat
      ? [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [lngLat[0], lngLat[1]] },
            properties: {},
          },
        ]
      : [],
  };
}

/** Bounding box [[w,s],[e,n]] of all grid polygons, or null when there are none. */
export function gridBounds(grids: Iterable<GridDto>): [[number, number], [number, number]] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (coords: unknown): void => {
    if (Array.isArray(coords) && typeof coords[0] === 'number' && typeof coords[1] === 'number') {
      w = Math.min(w, coords[0]);
      e = Math.max(e, coords[0]);
      s = Math.min(s, coords[1]);
      n = Math.max(n, coords[1]);
    } else if (Array.isArray(coords)) {
      for (const c of coords) visit(c);
    }
  };
  for (const grid of grids) visit((grid.polygon as { coordinates?: unknown } | null)?.coordinates);
  return Number.isFinite(w)
    ? [
        [w, s],
        [e, n],
      ]
    : null;
}

/**
 * Recommended move-ups: a line from where the unit was to its standby site, and the site itself,
 * each with the unit, the expected 5-minute gain and the order (first is the best move).
 */
export function buildMoveUpFeatures(
  moves: readonly Pick<MoveUpDto, 'id' | 'unitId' | 'from' | 'site' | 'gainShare5'>[],
): FeatureCollection<LineString | Point> {
  const features: Feature<LineString | Point>[] = [];
  moves.forEach((move, order) => {
    const properties = { id: move.id, unitId: move.unitId, gainShare5: move.gainShare5, order };
    const site = [move.site[0], move.site[1]];
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [[move.from[0], move.from[1]], site] },
      properties: { ...properties, kind: 'move' },
    });
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: site },
      properties: { ...properties, kind: 'site' },
    });
  });
  return { type: 'FeatureCollection', features };
}
