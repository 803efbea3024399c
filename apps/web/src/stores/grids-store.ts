import type { GridDto } from '@dispatch/contracts';
import { create } from 'zustand';
import { isNewer, mergeSnapshot } from '../lib/versioned.js';

export interface GridsState {
  byId: Record<string, GridDto>;
  applySnapshot: (grids: readonly GridDto[]) => void;
  upsertGrids: (grids: readonly GridDto[]) => void;
  upsertGrid: (grid: GridDto) => void;
}

export const useGridsStore = create<GridsState>()((set, get) => ({
  byId: {},
  applySnapshot: (grids) => set({ byId: mergeSnapshot(get().byId, grids) }),
  upsertGrids: (grids) => {
    const current = get().byId;
    let next: Record<string, GridDto> | null = null;
    for (const grid of grids) {
      if (!isNewer(grid, (next ?? current)[grid.id])) continue;
      next ??= { ...current };
      next[grid.id] = grid;
    }
    if (next) set({ byId: next });
  },
  upsertGrid: (grid) => get().upsertGrids([grid]),
}));
