/**
 * Minimum staffing per grid: one patrol car everywhere, more in the old town and around hot
 * spots, where foot patrols are required too. `fitStaffing` then lowers minima that the unit
 * roster could not meet, so the published minima are always achievable.
 */
import type { MinStaffing, UnitKind } from '@dispatch/domain';
import type { GridDraft } from './grids.js';
import type { Hotspot } from './types.js';

/** Hot-spot weight that makes a grid "busy". */
const BUSY_WEIGHT = 0.06;

/** Demand of each grid (relative), from zone and hot spots. */
export function gridDemand(grid: Pick<GridDraft, 'code' | 'zone'>, hotspots: readonly Hotspot[]): number {
  const zone = grid.zone === 'old_town' ? 2 : grid.zone === 'urban' ? 1.2 : 0.7;
  const hot = hotspots.filter((h) => h.gridCode === grid.code).reduce((s, h) => s + h.weight, 0);
  return zone + 10 * hot;
}

/** Desired minimum staffing of each grid, by grid code. */
export function desiredStaffing(
  grids: readonly GridDraft[],
  hotspots: readonly Hotspot[],
): Map<string, MinStaffing> {
  const out = new Map<string, MinStaffing>();
  for (const g of grids) {
    const hot = hotspots.filter((h) => h.gridCode === g.code).reduce((s, h) => s + h.weight, 0);
    const busy = hot >= BUSY_WEIGHT;
    if (g.zone === 'old_town') out.set(g.code, { patrol_car: 2, foot_patrol: busy ? 2 : 1 });
    else if (busy) out.set(g.code, { patrol_car: 2, foot_patrol: 1 });
    else out.set(g.code, { patrol_car: 1 });
  }
  return out;
}

/**
 * Lowers minima of `kind` until their sum fits `available`, taking first from the grids with
 * the highest minimum and, among those, the lowest demand.
 */
export function fitStaffing(
  minima: Map<string, MinStaffing>,
  kind: UnitKind,
  available: number,
  demand: (code: string) => number,
): void {
  let total = 0;
  for (const m of minima.values()) total += m[kind] ?? 0;
  const codes = [...minima.keys()].sort((a, b) => demand(a) - demand(b));
  while (total > available) {
    let pick: string | undefined;
    for (const c of codes)
      if (!pick || (minima.get(c)?.[kind] ?? 0) > (minima.get(pick)?.[kind] ?? 0)) pick = c;
    const m = minima.get(pick as string) as MinStaffing;
    m[kind] = (m[kind] ?? 0) - 1;
    if (m[kind] === 0) delete m[kind];
    total--;
  }
}
