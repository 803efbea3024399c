/**
 * Patrol grids (网格) and their police stations (派出所): codes in reading order, names from the
 * centre outwards, zone from the rings, and grids grouped into 4-8 precincts (the old town as
 * one, the rest as angular sectors around it). Minimum staffing is added later, once hot spots
 * are known.
 */
import { ringOffset, type CityFrame } from './frame.js';
import { generationFailed } from './errors.js';
import { distance, ringCentroid, signedRingArea, type XY } from './geometry.js';
import { tileCity } from './grid-tiling.js';
import { GRID_NAMES, NamePool } from './names.js';
import type { Rng } from './prng.js';
import type { Projection } from './projection.js';
import type { GridSpec } from './types.js';

/** A grid before its minimum staffing is known, with its geometry in local meters. */
export interface GridDraft extends Omit<GridSpec, 'minStaffing'> {
  ringXY: XY[];
  centroidXY: XY;
}

export interface PrecinctDraft {
  code: string;
  name: string;
  /** Short name (湖滨) used in call signs. */
  shortName: string;
  gridCodes: string[];
  centroidXY: XY;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Builds `count` grids tiling the city and groups them into precincts. */
export function buildGrids(
  rng: Rng,
  frame: CityFrame,
  projection: Projection,
  count: number,
): { grids: GridDraft[]; precincts: PrecinctDraft[] } {
  const cells = tileCity(rng.fork('tiling'), frame, count);
  if (cells.length !== count) throw generationFailed('grid tiling missed the requested count', { count });
  // Reading order: northern rows first, west to east.
  cells.sort((a, b) => b.row - a.row || a.col - b.col);
  const drafts = cells.map((cell, index) => {
    const centroidXY = ringCentroid(cell.ring);
    const zone: GridSpec['zone'] =
      ringOffset(frame.inner, centroidXY) < 0
        ? 'old_town'
        : ringOffset(frame.outer, centroidXY) < 0
          ? 'urban'
          : 'suburban';
    return {
      code: `G${pad2(index + 1)}`,
      name: '',
      precinct: '',
      zone,
      polygon: { type: 'Polygon' as const, coordinates: [cell.ring.map((p) => projection.toLngLat(p))] },
      centroid: projection.toLngLat(centroidXY),
      areaSquareMeters: Math.round(signedRingArea(cell.ring)),
      ringXY: cell.ring,
      centroidXY,
    };
  });

  // Central names go to central grids.
  const names = new NamePool(rng.fork('names'), [], new Set(GRID_NAMES));
  const byDistance = [...drafts].sort((a, b) => Math.hypot(...a.centroidXY) - Math.hypot(...b.centroidXY));
  byDistance.forEach((g, i) => {
    g.name = `${GRID_NAMES[i] ?? names.next()}网格`;
  });

  // Precincts: the old town, then equal-sized angular sectors of the remaining grids.
  const precinctCount = Math.min(8, Math.max(4, Math.round(count / 7)));
  let central = drafts.filter((g) => g.zone === 'old_town');
  if (central.length < 2) central = byDistance.slice(0, 3);
  const rest = drafts.filter((g) => !central.includes(g));
  const start = rng.range(-Math.PI, Math.PI);
  const angle = (g: GridDraft): number => {
    const a = Math.atan2(g.centroidXY[1], g.centroidXY[0]) - start;
    return a < 0 ? a + 2 * Math.PI : a;
  };
  rest.sort((a, b) => angle(a) - angle(b));
  const sectors = precinctCount - 1;
  const groups: GridDraft[][] = [central];
  for (let s = 0; s < sectors; s++)
    groups.push(
      rest.slice(Math.round((s * rest.length) / sectors), Math.round(((s + 1) * rest.length) / sectors)),
    );

  const precincts = groups.map((group, i): PrecinctDraft => {
    const cx = group.reduce((sum, g) => sum + g.centroidXY[0], 0) / group.length;
    const cy = group.reduce((sum, g) => sum + g.centroidXY[1], 0) / group.length;
    const centroidXY: XY = [cx, cy];
    const head = [...group].sort(
      (a, b) => distance(a.centroidXY, centroidXY) - distance(b.centroidXY, centroidXY),
    )[0];
    const shortName = (head?.name ?? `第${i + 1}`).replace(/网格$/, '');
    const name = `${shortName}派出所`;
    for (const g of group) g.precinct = name;
    return { code: `PCS${pad2(i + 1)}`, name, shortName, gridCodes: group.map((g) => g.code), centroidXY };
  });
  return { grids: drafts, precincts };
}
