import type { GridDto } from '@dispatch/contracts';
import { api } from '../../api/client.js';
import { formatShare } from '../../lib/format.js';
import { notifyError } from '../../lib/notify-error.js';
import { useGridsStore } from '../../stores/grids-store.js';
import { useUiStore } from '../../stores/ui-store.js';

/**
 * Sets a grid's own coverage alert threshold (0..1; null: back to the centre default). The
 * server validates the range (400) and the version (409, someone edited it meanwhile); either
 * is shown as a notice. Returns whether it was saved.
 */
export async function saveGridThreshold(grid: GridDto, threshold: number | null): Promise<boolean> {
  try {
    const updated = await api.editGrid(grid.id, { coverageThreshold: threshold, version: grid.version });
    useGridsStore.getState().upsertGrid(updated);
    const own = formatShare(updated.coverageThreshold);
    useUiStore
      .getState()
      .notify(
        own === null
          ? { level: 'info', key: 'coverage.thresholdReset', params: { grid: updated.name } }
          : { level: 'info', key: 'coverage.thresholdSaved', params: { grid: updated.name, threshold: own } },
      );
    return true;
  } catch (error) {
    notifyError(error);
    return false;
  }
}

/** Parses the editor's percent text: empty is the default (null), else the share 0..1 (NaN if not a number). */
export function parseThresholdPercent(text: string): number | null {
  const trimmed = text.trim().replace(/%$/, '');
  return trimmed === '' ? null : Number(trimmed) / 100;
}
