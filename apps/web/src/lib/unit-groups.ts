import type { UnitDto } from '@dispatch/contracts';
import { UNIT_STATUSES, isUnitBusy, isUnitDispatchable, type UnitKind } from '@dispatch/domain';

export interface UnitGroup {
  gridId: string | null;
  units: UnitDto[];
  free: number;
  busy: number;
}

const STATUS_ORDER = new Map<string, number>(UNIT_STATUSES.map((s, i) => [s, i]));

/**
 * Units grouped by their current grid (grid order by `gridOrder`, ungridded last), within a
 * group by status then call sign; optionally filtered by kind.
 */
export function groupUnitsByGrid(
  units: Iterable<UnitDto>,
  kind: UnitKind | 'all',
  gridOrder: readonly string[],
): UnitGroup[] {
  const groups = new Map<string | null, UnitGroup>();
  for (const unit of units) {
    if (kind !== 'all' && unit.kind !== kind) continue;
    const key = unit.currentGridId;
    let group = groups.get(key);
    if (!group) {
      group = { gridId: key, units: [], free: 0, busy: 0 };
      groups.set(key, group);
    }
    group.units.push(unit);
    if (isUnitDispatchable(unit.status)) group.free += 1;
    else if (isUnitBusy(unit.status)) group.busy += 1;
  }
  const rank = (gridId: string | null) => {
    if (gridId === null) return Number.MAX_SAFE_INTEGER;
    const i = gridOrder.indexOf(gridId);
    return i === -1 ? Number.MAX_SAFE_INTEGER - 1 : i;
  };
  const sorted = [...groups.values()].sort((a, b) => rank(a.gridId) - rank(b.gridId));
  for (const group of sorted) {
    group.units.sort(
      (a, b) =>
        (STATUS_ORDER.get(a.status) ?? 0) - (STATUS_ORDER.get(b.status) ?? 0) ||
        a.callSign.localeCompare(b.callSign),
    );
  }
  return sorted;
}
