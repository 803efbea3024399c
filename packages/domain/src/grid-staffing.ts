/**
 * Grid staffing: compares the on-duty units present in each grid with its minimum staffing,
 * for the wall map and the supervisor's redeployment view.
 */
import type { MinStaffing, UnitKind, UnitStatus } from './model.js';
import { UNIT_KINDS } from './model.js';
import { isUnitDispatchable, isUnitOnDuty } from './unit-state.js';

/** Kinds that can cover a grid on their own; drones and partner forces cannot answer a call alone. */
export const COVERING_UNIT_KINDS: readonly UnitKind[] = ['patrol_car', 'motorcycle', 'foot_patrol', 'post'];

export type GridStaffingStatus = 'ok' | 'understaffed' | 'uncovered';

export interface GridStaffing {
  gridId: string;
  /** On-duty units in the grid per kind (busy ones included). */
  presentByKind: Partial<Record<UnitKind, number>>;
  /** Dispatchable units in the grid per kind. */
  availableByKind: Partial<Record<UnitKind, number>>;
  /** Missing units per kind against `minStaffing` (only kinds with a shortfall). */
  shortfallByKind: Partial<Record<UnitKind, number>>;
  presentCount: number;
  availableCount: number;
  /**
   * `uncovered`: no dispatchable unit of a covering kind in the grid; `understaffed`: some
   * minimum not met; `ok` otherwise. Uncovered wins because it is the more urgent signal.
   */
  status: GridStaffingStatus;
}

/** Evaluates every grid; units outside all listed grids (or without grid) are ignored. */
export function evaluateGridStaffing(
  grids: readonly { id: string; minStaffing: MinStaffing }[],
  units: readonly { kind: UnitKind; status: UnitStatus; currentGridId: string | null }[],
  coveringKinds: readonly UnitKind[] = COVERING_UNIT_KINDS,
): GridStaffing[] {
  const byGrid = new Map<string, { kind: UnitKind; status: UnitStatus }[]>();
  for (const u of units) {
    if (u.currentGridId === null || !isUnitOnDuty(u.status)) continue;
    const list = byGrid.get(u.currentGridId) ?? [];
    list.push(u);
    byGrid.set(u.currentGridId, list);
  }
  return grids.map((grid) => {
    const present = byGrid.get(grid.id) ?? [];
    const presentByKind: Partial<Record<UnitKind, number>> = {};
    const availableByKind: Partial<Record<UnitKind, number>> = {};
    let covered = false;
    let availableCount = 0;
    for (const u of present) {
      presentByKind[u.kind] = (presentByKind[u.kind] ?? 0) + 1;
      if (isUnitDispatchable(u.status)) {
        availableByKind[u.kind] = (availableByKind[u.kind] ?? 0) + 1;
        availableCount += 1;
        if (coveringKinds.includes(u.kind)) covered = true;
      }
    }
    const shortfallByKind: Partial<Record<UnitKind, number>> = {};
    for (const kind of UNIT_KINDS) {
      const missing = (grid.minStaffing[kind] ?? 0) - (presentByKind[kind] ?? 0);
      if (missing > 0) shortfallByKind[kind] = missing;
    }
    const understaffed = Object.keys(shortfallByKind).length > 0;
    return {
      gridId: grid.id,
      presentByKind,
      availableByKind,
      shortfallByKind,
      presentCount: present.length,
      availableCount,
      status: !covered ? 'uncovered' : understaffed ? 'understaffed' : 'ok',
    };
  });
}
