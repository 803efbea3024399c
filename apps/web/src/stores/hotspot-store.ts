/**
 * Hot spots on the map and in the supervisor's panel: the period the heat layer shows (its time
 * slider), the expected incidents per H3 cell for it (GET /api/hotspots), and the top cells per
 * grid (GET /api/hotspots/top). An answer for a period no longer selected is dropped.
 */
import type { HotspotMapDto, HotspotTopDto } from '@dispatch/contracts';
import { create } from 'zustand';
import { periodKey, type CoverPeriod } from '../lib/cover-period.js';

export type HotspotGridTop = HotspotTopDto['grids'][number];

export interface HotspotState {
  period: CoverPeriod;
  /** The heat map of `period` (null until it arrives). */
  map: HotspotMapDto | null;
  /** Top cells by grid, as last read. */
  topByGrid: Record<string, HotspotGridTop>;
  error: string | null;
  setPeriod: (period: CoverPeriod) => void;
  /** Takes a heat map asked for `key` (`periodKey`); ignored when another period is selected now. */
  applyMap: (key: string, map: HotspotMapDto) => void;
  applyTop: (top: HotspotTopDto) => void;
  setError: (code: string | null) => void;
}

export const useHotspotStore = create<HotspotState>()((set, get) => ({
  period: 'now',
  map: null,
  topByGrid: {},
  error: null,
  setPeriod: (period) => {
    if (periodKey(period) === periodKey(get().period)) return;
    set({ period, map: null, error: null });
  },
  applyMap: (key, map) => {
    if (key !== periodKey(get().period)) return;
    set({ map, error: null });
  },
  applyTop: (top) =>
    set((s) => ({
      topByGrid: { ...s.topByGrid, ...Object.fromEntries(top.grids.map((g) => [g.gridId, g])) },
    })),
  setError: (error) => set({ error }),
}));
