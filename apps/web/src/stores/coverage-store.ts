/** Live coverage per grid and the open uncovered-area alerts, fed by the socket stream and REST. */
import type { CoverageAlertDto, CoverageDto, GridCoverageDto } from '@dispatch/contracts';
import { create } from 'zustand';

/** One alert event as it arrived over the socket, numbered in arrival order. */
export interface AlertChange {
  seq: number;
  op: 'raise' | 'clear';
  alert: CoverageAlertDto;
}

/** How many alert events are kept to replay over a REST list that was in flight meanwhile. */
const ALERT_LOG_SIZE = 100;

export interface CoverageState {
  coverage: CoverageDto | null;
  /** Coverage of each grid; an entry keeps its identity while its figures stay the same. */
  byGrid: Record<string, GridCoverageDto>;
  /** Open alerts by grid id. */
  alerts: Record<string, CoverageAlertDto>;
  /** Number of the last alert event taken (see `applyAlerts`). */
  alertSeq: number;
  alertLog: readonly AlertChange[];
  /** Takes a recomputation; one older than what is held (a slow REST answer) is ignored. */
  applyCoverage: (coverage: CoverageDto) => void;
  raiseAlert: (alert: CoverageAlertDto) => void;
  clearAlert: (alert: CoverageAlertDto) => void;
  /**
   * Replaces the open alerts with a REST list, then replays the socket events taken after
   * `sinceSeq` (read when the request was sent), so an alert raised or cleared while the list
   * was in flight is not undone by it.
   */
  applyAlerts: (alerts: readonly CoverageAlertDto[], sinceSeq?: number) => void;
}

function sameFigures(a: GridCoverageDto, b: GridCoverageDto): boolean {
  for (const key of Object.keys(b) as (keyof GridCoverageDto)[]) if (a[key] !== b[key]) return false;
  return true;
}

/** The new per-grid record, reusing unchanged entries (and the whole record if nothing changed). */
function mergeGrids(
  current: Readonly<Record<string, GridCoverageDto>>,
  grids: readonly GridCoverageDto[],
): Record<string, GridCoverageDto> {
  let changed = Object.keys(current).length !== grids.length;
  const next: Record<string, GridCoverageDto> = {};
  for (const grid of grids) {
    const held = current[grid.gridId];
    if (held && sameFigures(held, grid)) next[grid.gridId] = held;
    else {
      next[grid.gridId] = grid;
      changed = true;
    }
  }
  return changed ? next : (current as Record<string, GridCoverageDto>);
}

function applyChange(
  alerts: Readonly<Record<string, CoverageAlertDto>>,
  { op, alert }: Pick<AlertChange, 'op' | 'alert'>,
): Readonly<Record<string, CoverageAlertDto>> {
  if (op === 'raise') return { ...alerts, [alert.gridId]: alert };
  // A clear only closes the alert it names: a newer one for the same grid stays.
  if (alerts[alert.gridId]?.id !== alert.id) return alerts;
  const { [alert.gridId]: _cleared, ...rest } = alerts;
  return rest;
}

/**
 * The grid's coverage as the alert event implies it. Updates are volatile (a busy socket may drop
 * one) but alerts are not, so the map and the board never disagree with the banner: a raise
 * means the 5-minute share fell below the threshold (uncovered); a clear that it is back above
 * (at least thin) until the next update says more.
 */
function impliedByAlert(
  held: GridCoverageDto | undefined,
  { op, alert }: Pick<AlertChange, 'op' | 'alert'>,
): GridCoverageDto | undefined {
  if (!held) return undefined;
  if (op === 'raise')
    return {
      ...held,
      level: 'uncovered',
      demandShare3: Math.min(held.demandShare3, alert.share),
      demandShare5: alert.share,
      alerted: true,
    };
  return {
    ...held,
    level: held.level === 'uncovered' ? 'thin' : held.level,
    demandShare5: alert.clearShare ?? held.demandShare5,
    alerted: false,
  };
}

export const useCoverageStore = create<CoverageState>()((set, get) => {
  const record = (op: AlertChange['op'], alert: CoverageAlertDto) =>
    set((s) => {
      const seq = s.alertSeq + 1;
      const alerts = applyChange(s.alerts, { op, alert }) as Record<string, CoverageAlertDto>;
      const implied = alerts === s.alerts ? undefined : impliedByAlert(s.byGrid[alert.gridId], { op, alert });
      return {
        alerts,
        byGrid: implied ? { ...s.byGrid, [alert.gridId]: implied } : s.byGrid,
        alertSeq: seq,
        alertLog: [...s.alertLog, { seq, op, alert }].slice(-ALERT_LOG_SIZE),
      };
    });
  return {
    coverage: null,
    byGrid: {},
    alerts: {},
    alertSeq: 0,
    alertLog: [],
    applyCoverage: (coverage) => {
      const held = get().coverage;
      if (held && coverage.computedAt < held.computedAt) return;
      set({ coverage, byGrid: mergeGrids(get().byGrid, coverage.grids) });
    },
    raiseAlert: (alert) => record('raise', alert),
    clearAlert: (alert) => record('clear', alert),
    applyAlerts: (list, sinceSeq = get().alertSeq) => {
      let alerts: Readonly<Record<string, CoverageAlertDto>> = Object.fromEntries(
        list.filter((a) => a.clearedAt === null).map((a) => [a.gridId, a]),
      );
      for (const change of get().alertLog) if (change.seq > sinceSeq) alerts = applyChange(alerts, change);
      set({ alerts: alerts as Record<string, CoverageAlertDto> });
    },
  };
});

/** Open alerts, oldest first (the longest-standing hole leads). */
export function openAlerts(alerts: Readonly<Record<string, CoverageAlertDto>>): CoverageAlertDto[] {
  return Object.values(alerts).sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
}
