import { useTranslation } from 'react-i18next';
import { formatShare } from '../../lib/format.js';
import { useCoverageStore } from '../../stores/coverage-store.js';

/** A grid's live coverage as table cells: 3- and 5-minute demand shares, level, free units, alert. */
export function GridCoverageCells({ gridId }: { gridId: string }) {
  const { t } = useTranslation();
  // Entries keep their identity while unchanged, so a row re-renders only when its figures move.
  const coverage = useCoverageStore((s) => s.byGrid[gridId]);
  const alerted = useCoverageStore((s) => s.alerts[gridId] !== undefined);
  const none = t('wall.noData');
  return (
    <>
      <td className="share" data-testid="grid-share3">
        {coverage ? formatShare(coverage.demandShare3) : none}
      </td>
      <td className="share" data-testid="grid-share5">
        {coverage ? formatShare(coverage.demandShare5) : none}
      </td>
      <td data-testid="grid-coverage-level" data-level={coverage?.level ?? ''}>
        {coverage ? (
          <span className={`pill coverage-${coverage.level}`}>{t(`coverage.level.${coverage.level}`)}</span>
        ) : (
          none
        )}
      </td>
      <td className="share" data-testid="grid-free-units">
        {coverage ? coverage.freeUnits : none}
      </td>
      <td data-testid="grid-alert" data-alerted={alerted}>
        {alerted && (
          <span
            className="coverage-alert-marker"
            title={t('coverage.alerted')}
            aria-label={t('coverage.alerted')}
          >
            ⚠
          </span>
        )}
      </td>
    </>
  );
}
