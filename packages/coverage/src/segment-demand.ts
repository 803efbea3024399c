/**
 * Cell demand spread over road segments, for live coverage (`zoneCoverage`'s `segmentDemand`):
 * each cell's demand is split over the segments whose midpoint lies in it, by length; a cell with
 * demand but no segment (a park, a square) hands it to the nearest cell that has roads. A floor
 * share of the total is spread over all roads by length, so a road with no history still counts.
 * The weights sum to the total demand.
 */
import type { RoadNetwork } from '@dispatch/routing';
import { cellToLatLng, gridDisk } from 'h3-js';
import { CellLocator } from './cell-locator.js';
import type { DemandSurface } from './demand-surface.js';
import { expectedDemand } from './hotspot-queries.js';
import type { HourWeight } from './hour-of-week.js';

/** Midpoints and lengths of road segments. */
export interface SegmentPoints {
  lng: Float64Array;
  lat: Float64Array;
  meters: Float64Array;
}

/** Midpoint and length of every segment of `network`, in segment order. */
export function segmentMidpoints(network: RoadNetwork): SegmentPoints {
  const n = network.segmentCount;
  const lng = new Float64Array(n);
  const lat = new Float64Array(n);
  const { segFrom, segTo, vertexLng, vertexLat } = network;
  for (let s = 0; s < n; s++) {
    lng[s] = (vertexLng[segFrom[s]!]! + vertexLng[segTo[s]!]!) / 2;
    lat[s] = (vertexLat[segFrom[s]!]! + vertexLat[segTo[s]!]!) / 2;
  }
  return { lng, lat, meters: Float64Array.from(network.segMeters.subarray(0, n)) };
}

/** Segments by the H3 cell of their midpoint: build once per network, spread many times. */
export interface SegmentCells {
  readonly resolution: number;
  /** Cells holding at least one segment midpoint. */
  readonly cells: readonly string[];
  readonly cellIndex: ReadonlyMap<string, number>;
  /** Cell (index into `cells`) of each segment. */
  readonly cellOfSegment: Int32Array;
  /** Road metres and segments per cell. */
  readonly cellMeters: Float64Array;
  readonly cellSegments: Uint32Array;
  readonly meters: Float64Array;
  readonly totalMeters: number;
}

export function segmentCells(points: SegmentPoints, resolution: number): SegmentCells {
  const n = points.meters.length;
  const locator = new CellLocator(resolution);
  const cellOfSegment = new Int32Array(n);
  for (let s = 0; s < n; s++) cellOfSegment[s] = locator.locate(points.lng[s]!, points.lat[s]!);
  const cells = locator.cells;
  const cellMeters = new Float64Array(cells.length);
  const cellSegments = new Uint32Array(cells.length);
  let totalMeters = 0;
  for (let s = 0; s < n; s++) {
    const c = cellOfSegment[s]!;
    const m = Math.max(0, points.meters[s]!);
    cellMeters[c] = cellMeters[c]! + m;
    cellSegments[c] = cellSegments[c]! + 1;
    totalMeters += m;
  }
  return {
    resolution,
    cells,
    cellIndex: new Map(cells.map((c, i) => [c, i])),
    cellOfSegment,
    cellMeters,
    cellSegments,
    meters: points.meters,
    totalMeters,
  };
}

/** Share of the total demand spread over all roads by length (default 10%). */
export const DEFAULT_DEMAND_FLOOR_SHARE = 0.1;
/** How many rings out a cell without roads looks for one with roads (10 rings: ~3.5 km at res 9). */
const ORPHAN_SEARCH_RINGS = 10;

/**
 * Weight per segment: `demand[i]` of cell `cells[i]` split over that cell's segments by length,
 * times `1 - floorShare`, plus `floorShare` of the total by length. Without any demand every
 * metre weighs the same (the weights are the lengths). Cells must be at `segments.resolution`.
 */
export function spreadDemandOverSegments(
  segments: SegmentCells,
  cells: readonly string[],
  demand: ArrayLike<number>,
  floorShare = DEFAULT_DEMAND_FLOOR_SHARE,
): Float64Array {
  if (!(floorShare >= 0 && floorShare <= 1)) throw new RangeError('floorShare must be in [0, 1]');
  if (cells.length !== demand.length) throw new RangeError('one demand value per cell');
  const n = segments.cellOfSegment.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const perRoadCell = new Float64Array(segments.cells.length);
  let total = 0;
  let unplaced = 0;
  const orphanTarget = new Map<string, number>();
  for (let i = 0; i < cells.length; i++) {
    const d = demand[i]!;
    if (!(d > 0) || !Number.isFinite(d)) continue;
    total += d;
    let c = segments.cellIndex.get(cells[i]!);
    if (c === undefined) {
      c = orphanTarget.get(cells[i]!) ?? nearestRoadCell(segments, cells[i]!);
      orphanTarget.set(cells[i]!, c);
    }
    if (c < 0) unplaced += d;
    else perRoadCell[c] = perRoadCell[c]! + d;
  }
  const lengthShare = (s: number) =>
    segments.totalMeters > 0 ? Math.max(0, segments.meters[s]!) / segments.totalMeters : 1 / n;
  if (total === 0) {
    for (let s = 0; s < n; s++) out[s] = segments.totalMeters > 0 ? Math.max(0, segments.meters[s]!) : 1;
    return out;
  }
  const floor = floorShare * total + (1 - floorShare) * unplaced;
  for (let s = 0; s < n; s++) {
    const c = segments.cellOfSegment[s]!;
    const cellMeters = segments.cellMeters[c]!;
    const part =
      cellMeters > 0 ? Math.max(0, segments.meters[s]!) / cellMeters : 1 / segments.cellSegments[c]!;
    out[s] = (1 - floorShare) * perRoadCell[c]! * part + floor * lengthShare(s);
  }
  return out;
}

/**
 * Expected demand per road segment in one hour of week (or a weighted run of hours) from a demand
 * surface: its cells' priority-weighted `expectedDemand` spread over the roads. What live coverage
 * (`segmentDemand`), standby points and move-up weigh (through `vertexDemandOf`).
 * @param segments built at the surface's resolution (`segmentCells(points, surface.resolution)`).
 */
export function segmentDemandFromSurface(
  segments: SegmentCells,
  surface: DemandSurface,
  hours: number | readonly HourWeight[],
  floorShare = DEFAULT_DEMAND_FLOOR_SHARE,
): Float64Array {
  if (segments.resolution !== surface.resolution)
    throw new RangeError('segments and surface must be at the same H3 resolution');
  return spreadDemandOverSegments(
    segments,
    surface.cells,
    expectedDemand(surface, hours, 'demand'),
    floorShare,
  );
}

/** The nearest cell with roads within a few rings (by centre distance), or -1. */
function nearestRoadCell(segments: SegmentCells, cell: string): number {
  const [lat0, lng0] = cellToLatLng(cell);
  const kx = Math.cos((lat0 * Math.PI) / 180);
  for (let k = 1; k <= ORPHAN_SEARCH_RINGS; k++) {
    let best = -1;
    let bestDistance = Infinity;
    for (const candidate of gridDisk(cell, k)) {
      const c = segments.cellIndex.get(candidate);
      if (c === undefined) continue;
      const [lat, lng] = cellToLatLng(candidate);
      const d = ((lng - lng0) * kx) ** 2 + (lat - lat0) ** 2;
      if (d < bestDistance || (d === bestDistance && c < best)) {
        best = c;
        bestDistance = d;
      }
    }
    if (best >= 0) return best;
  }
  return -1;
}
