import type { UnitDto } from '@dispatch/contracts';
import { api } from '../../api/client.js';
import { notifyError } from '../../lib/notify-error.js';
import { useGridsStore } from '../../stores/grids-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { useUnitsStore } from '../../stores/units-store.js';

/**
 * Moves a unit to another grid (persisted by the server, which broadcasts unit:updated and
 * grid:updated to everyone). Returns the updated unit, or null on failure (already reported).
 */
export async function moveUnitToGrid(unitId: string, gridId: string): Promise<UnitDto | null> {
  const unit = useUnitsStore.getState().byId[unitId];
  if (!unit || unit.currentGridId === gridId) return null;
  try {
    const updated = await api.moveUnitToGrid(unitId, gridId);
    useUnitsStore.getState().upsertUnit(updated);
    useUiStore.getState().notify({
      level: 'info',
      key: 'grids.moved',
      params: { unit: updated.callSign, grid: useGridsStore.getState().byId[gridId]?.name ?? gridId },
    });
    return updated;
  } catch (error) {
    notifyError(error);
    return null;
  }
}

/** Drag-and-drop payload type of a unit row. */
export const UNIT_DRAG_TYPE = 'application/x-dispatch-unit';
