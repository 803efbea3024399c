/** Live coverage per grid and the open uncovered-area alerts, fed by the socket stream. */
import type { CoverageAlertDto, CoverageDto, GridCoverageDto } from '@dispatch/contracts';
import { create } from 'zustand';

interface CoverageState {
  coverage: CoverageDto | null;
  byGrid: Record<string, GridCoverageDto>;
  /** Open alerts by grid id. */
  alerts: Record<string, CoverageAlertDto>;
  applyCoverage: (coverage: CoverageDto) => void;
  raiseAlert: (alert: CoverageAlertDto) => void;
  clearAlert: (alert: CoverageAlertDto) => void;
  applyAlerts: (alerts: readonly CoverageAlertDto[]) => void;
}

export const useCoverageStore = create<CoverageState>((set) => ({
  coverage: null,
  byGrid: {},
  alerts: {},
  applyCoverage: (coverage) =>
    set({ coverage, byGrid: Object.fromEntries(coverage.grids.map((g) => [g.gridId, g])) }),
  raiseAlert: (alert) => set((s) => ({ alerts: { ...s.alerts, [alert.gridId]: alert } })),
  clearAlert: (alert) =>
    set((s) => {
      if (s.alerts[alert.gridId]?.id !== alert.id) return s;
      const { [alert.gridId]: _cleared, ...rest } = s.alerts;
      return { alerts: rest };
    }),
  applyAlerts: (alerts) =>
    set({ alerts: Object.fromEntries(alerts.filter((a) => a.clearedAt === null).map((a) => [a.gridId, a])) }),
}));
