/**
 * Questions put to a demand surface: expected demand per cell for an hour of week or a shift,
 * and the top hot spots of each grid with their counts and main incident types.
 */
import { INCIDENT_TYPES, type IncidentType } from '@dispatch/domain';
import { cellToBoundary, cellToLatLng } from 'h3-js';
import type { DemandSurface } from './demand-surface.js';
import { HOURS_PER_WEEK, type HourWeight } from './hour-of-week.js';

/** Which rate to read: priority-weighted demand, or the plain expected number of incidents. */
export type DemandMeasure = 'demand' | 'incidents';

/**
 * Expected demand per cell of `surface.cells` in one hour of week (0-167) or a weighted run of
 * hours (a shift, from `hoursBetween` / `shiftOfWeek`): per week, i.e. in one such hour or shift.
 */
export function expectedDemand(
  surface: DemandSurface,
  hours: number | readonly HourWeight[],
  measure: DemandMeasure = 'demand',
): Float64Array {
  const list: readonly HourWeight[] = typeof hours === 'number' ? [{ hourOfWeek: hours, weight: 1 }] : hours;
  for (const { hourOfWeek, weight } of list) {
    if (!Number.isInteger(hourOfWeek) || hourOfWeek < 0 || hourOfWeek >= HOURS_PER_WEEK)
      throw new RangeError(`hourOfWeek must be an integer 0-167, got ${hourOfWeek}`);
    if (!(weight >= 0)) throw new RangeError('hour weights must be >= 0');
  }
  const rate = measure === 'demand' ? surface.demandRate : surface.incidentRate;
  const out = new Float64Array(surface.cells.length);
  for (let c = 0; c < out.length; c++) {
    let sum = 0;
    for (const { hourOfWeek, weight } of list) sum += weight * rate[c * HOURS_PER_WEEK + hourOfWeek]!;
    out[c] = sum;
  }
  return out;
}

export interface TypeCount {
  type: IncidentType;
  count: number;
}

export interface HotspotCell {
  /** H3 index. */
  cell: string;
  /** Incidents in the window, and their priority-weighted sum (the rank). */
  incidents: number;
  demand: number;
  /** Smoothed expected weighted demand per week (includes a share of the neighbours'). */
  expectedDemandPerWeek: number;
  /** The most frequent types in the window, most frequent first (ties: the domain's type order). */
  mainTypes: TypeCount[];
}

export interface TopHotspotsOptions {
  /** Cells per grid (default 5). */
  limit?: number;
  /** Main types per cell (default 3). */
  types?: number;
}

/**
 * The top cells of each grid by weighted demand in the window (ties: more incidents, then the
 * H3 index), for cells with incidents. `gridOf` maps a cell to its grid id, or null outside
 * every grid (e.g. by the cell centre). Grids without incidents are absent.
 */
export function topHotspots(
  surface: DemandSurface,
  gridOf: (cell: string) => string | null,
  options: TopHotspotsOptions = {},
): Map<string, HotspotCell[]> {
  const limit = options.limit ?? 5;
  const typeLimit = options.types ?? 3;
  const byGrid = new Map<string, number[]>();
  for (let c = 0; c < surface.dataCellCount; c++) {
    if (surface.incidents[c] === 0) continue;
    const grid = gridOf(surface.cells[c]!);
    if (grid === null) continue;
    let list = byGrid.get(grid);
    if (!list) byGrid.set(grid, (list = []));
    list.push(c);
  }
  const out = new Map<string, HotspotCell[]>();
  for (const [grid, list] of byGrid) {
    list.sort(
      (a, b) =>
        surface.weight[b]! - surface.weight[a]! ||
        surface.incidents[b]! - surface.incidents[a]! ||
        (surface.cells[a]! < surface.cells[b]! ? -1 : 1),
    );
    out.set(
      grid,
      list.slice(0, limit).map((c) => hotspotCell(surface, c, typeLimit)),
    );
  }
  return out;
}

function hotspotCell(surface: DemandSurface, c: number, typeLimit: number): HotspotCell {
  let perWeek = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) perWeek += surface.demandRate[c * HOURS_PER_WEEK + h]!;
  const types: TypeCount[] = [];
  INCIDENT_TYPES.forEach((type, i) => {
    const count = surface.typeCounts[c * INCIDENT_TYPES.length + i]!;
    if (count > 0) types.push({ type, count });
  });
  // Stable sort: equal counts keep the domain's type order.
  types.sort((a, b) => b.count - a.count);
  return {
    cell: surface.cells[c]!,
    incidents: surface.incidents[c]!,
    demand: surface.weight[c]!,
    expectedDemandPerWeek: perWeek,
    mainTypes: types.slice(0, typeLimit),
  };
}

/** Centre of an H3 cell, `[lng, lat]`. */
export function cellCentre(cell: string): [number, number] {
  const [lat, lng] = cellToLatLng(cell);
  return [lng, lat];
}

/** Outline of an H3 cell as a closed GeoJSON ring of `[lng, lat]`. */
export function cellRing(cell: string): [number, number][] {
  return cellToBoundary(cell, true) as [number, number][];
}
