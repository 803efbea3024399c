/**
 * Recommended standby points (GET /api/standby/recommendations) for the period the supervisor
 * picked, and which units are being sent. Whether a point is already ordered comes from the
 * standby store (the `standby:updated` stream), never from here.
 */
import type { StandbyRecommendationsDto } from '@dispatch/contracts';
import { create } from 'zustand';
import { periodKey, type CoverPeriod } from '../lib/cover-period.js';

export interface StandbyPointsState {
  period: CoverPeriod;
  plan: StandbyRecommendationsDto | null;
  loading: boolean;
  error: string | null;
  /** Units whose order is on its way to the server. */
  sending: Record<string, true>;
  setPeriod: (period: CoverPeriod) => void;
  startLoading: () => void;
  /** Takes a plan asked for `key` (`periodKey`); ignored when another period is selected now. */
  applyPlan: (key: string, plan: StandbyRecommendationsDto) => void;
  setError: (key: string, code: string) => void;
  setSending: (unitIds: readonly string[], sending: boolean) => void;
  /** Back to empty (the panel leaves: other screens draw no stale points). */
  reset: () => void;
}

const initial = { period: 'now' as CoverPeriod, plan: null, loading: false, error: null, sending: {} };

export const useStandbyPointsStore = create<StandbyPointsState>()((set, get) => ({
  ...initial,
  setPeriod: (period) => {
    if (periodKey(period) === periodKey(get().period)) return;
    set({ period, plan: null, error: null });
  },
  startLoading: () => set({ loading: true }),
  applyPlan: (key, plan) => {
    if (key !== periodKey(get().period)) return;
    set({ plan, loading: false, error: null });
  },
  setError: (key, error) => {
    if (key !== periodKey(get().period)) return;
    set({ loading: false, error });
  },
  setSending: (unitIds, sending) =>
    set((s) => {
      const next = { ...s.sending };
      for (const id of unitIds) {
        if (sending) next[id] = true;
        else delete next[id];
      }
      return { sending: next };
    }),
  reset: () => set({ ...initial, sending: {} }),
}));
