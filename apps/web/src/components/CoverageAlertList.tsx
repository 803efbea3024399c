import type { CoverageAlertDto } from '@dispatch/contracts';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { formatDuration, formatShare, formatTime } from '../lib/format.js';
import { gridBounds } from '../lib/map-features.js';
import { useClockStore } from '../stores/clock-store.js';
import { openAlerts, useCoverageStore } from '../stores/coverage-store.js';
import { useGridsStore } from '../stores/grids-store.js';
import { useUiStore } from '../stores/ui-store.js';

/** Open uncovered-area alerts, oldest first (narrow selector: re-renders on alert changes only). */
export function useOpenAlerts(): CoverageAlertDto[] {
  return useCoverageStore(useShallow((s) => openAlerts(s.alerts)));
}

/** The grid's 5-minute share now (it moves with every recomputation), else the one at the alert. */
function useCurrentShare(alert: CoverageAlertDto): number {
  return useCoverageStore((s) => s.byGrid[alert.gridId]?.demandShare5 ?? alert.share);
}

function flyToGrid(gridId: string): void {
  const grid = useGridsStore.getState().byId[gridId];
  const bounds = grid ? gridBounds([grid]) : null;
  if (!bounds) return;
  const [[w, s], [e, n]] = bounds;
  useUiStore.getState().requestFlyTo([(w + e) / 2, (s + n) / 2], 14);
}

/** One alert, wall-sized: grid, share against threshold, since when. */
function AlertRow({ alert }: { alert: CoverageAlertDto }) {
  const { t } = useTranslation();
  const share = useCurrentShare(alert);
  const now = useClockStore((s) => s.now);
  const raisedAt = Date.parse(alert.raisedAt);
  return (
    <li className="coverage-alert" data-testid="coverage-alert" data-grid-id={alert.gridId}>
      <strong className="coverage-alert-grid">{alert.gridName}</strong>
      <span className="coverage-alert-share">
        {t('coverage.alertShare', { share: formatShare(share), threshold: formatShare(alert.threshold) })}
      </span>
      <span className="coverage-alert-since muted">
        {t('coverage.since', {
          time: formatTime(raisedAt),
          duration: formatDuration(Math.max(0, (now - raisedAt) / 1000)),
        })}
      </span>
    </li>
  );
}

/** One alert in a header: the grid (a click flies the map to it) and its share now. */
function CompactAlertRow({ alert }: { alert: CoverageAlertDto }) {
  const { t } = useTranslation();
  const share = useCurrentShare(alert);
  return (
    <li
      className="coverage-alert compact"
      data-testid="coverage-alert"
      data-grid-id={alert.gridId}
      title={`${t('coverage.alertShare', { share: formatShare(share), threshold: formatShare(alert.threshold) })} · ${formatTime(alert.raisedAt)}`}
    >
      <button type="button" className="link" onClick={() => flyToGrid(alert.gridId)}>
        {alert.gridName}
      </button>{' '}
      <span className="coverage-alert-share">{formatShare(share)}</span>
    </li>
  );
}

/** The first `max` open alerts, and how many more there are. */
export function CoverageAlertList({
  alerts,
  max,
  compact = false,
}: {
  alerts: readonly CoverageAlertDto[];
  max: number;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const Row = compact ? CompactAlertRow : AlertRow;
  return (
    <>
      <ol className="coverage-alert-list">
        {alerts.slice(0, max).map((alert) => (
          <Row key={alert.id} alert={alert} />
        ))}
      </ol>
      {alerts.length > max && (
        <span className="coverage-alert-more muted">
          {t('coverage.more', { count: alerts.length - max })}
        </span>
      )}
    </>
  );
}
