import type { DemandShares, StandbyRecommendationDto } from '@dispatch/contracts';
import { can } from '@dispatch/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PeriodPicker } from '../../components/PeriodPicker.js';
import { isOrderedTo } from '../../lib/cover-features.js';
import { etaMinutes, formatShare } from '../../lib/format.js';
import { useGridsStore } from '../../stores/grids-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { useStandbyPointsStore } from '../../stores/standby-points-store.js';
import { useStandbyStore } from '../../stores/standby-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { sendToStandbyPoints } from './send-standby.js';
import { useStandbyPoints } from './use-standby-points.js';

interface Group {
  gridId: string;
  name: string;
  code: string;
  before: DemandShares | null;
  after: DemandShares | null;
  units: StandbyRecommendationDto[];
}

/**
 * Recommended standby points for the chosen period: per grid (the selected one, or all) the free
 * cars with their point, the drive there and what it adds, each sent in one click or the whole
 * grid at once. The points are drawn on the map by the standby-points layer.
 */
export function StandbyPointsPanel({ gridId }: { gridId: string | null }) {
  const { t } = useTranslation();
  useStandbyPoints();
  const period = useStandbyPointsStore((s) => s.period);
  const plan = useStandbyPointsStore((s) => s.plan);
  const loading = useStandbyPointsStore((s) => s.loading);
  const error = useStandbyPointsStore((s) => s.error);
  const sending = useStandbyPointsStore((s) => s.sending);
  const orders = useStandbyStore((s) => s.byUnit);
  const grids = useGridsStore((s) => s.byId);
  const role = useSessionStore((s) => s.user?.role);
  const mayOrder = role ? can(role, 'standby.order') : false;

  const groups = useMemo((): Group[] => {
    if (!plan) return [];
    const shares = new Map(plan.grids.map((g) => [g.gridId, g]));
    const byGrid = new Map<string, StandbyRecommendationDto[]>();
    for (const u of plan.units) {
      const key =
        gridId !== null && (u.point.gridId === gridId || u.homeGridId === gridId) ? gridId : u.point.gridId;
      if (gridId !== null && key !== gridId) continue;
      byGrid.set(key, [...(byGrid.get(key) ?? []), u]);
    }
    return [...byGrid.entries()]
      .map(([id, units]) => ({
        gridId: id,
        name: grids[id]?.name ?? id,
        code: grids[id]?.code ?? id,
        before: shares.get(id)?.before ?? null,
        after: shares.get(id)?.after ?? null,
        units,
      }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }, [plan, gridId, grids]);

  const sharesText = (before: DemandShares, after: DemandShares) =>
    t('standbyPoints.shares', {
      b3: formatShare(before.demandShare3),
      a3: formatShare(after.demandShare3),
      b5: formatShare(before.demandShare5),
      a5: formatShare(after.demandShare5),
    });
  const noteOf = (u: StandbyRecommendationDto) =>
    t('standbyPoints.note', { grid: grids[u.point.gridId]?.name ?? u.point.gridId });
  const send = (units: readonly StandbyRecommendationDto[]) => void sendToStandbyPoints(units, noteOf);

  return (
    <div className="standby-points" data-testid="standby-points">
      <PeriodPicker
        value={period}
        onChange={(p) => useStandbyPointsStore.getState().setPeriod(p)}
        resolved={plan?.period ?? null}
        testId="standby-period"
      />
      {plan && (
        <p className="muted" data-testid="standby-city">
          {t('standbyPoints.city')} {sharesText(plan.city.before, plan.city.after)} ·{' '}
          {t(`standbyPoints.model.${plan.demandModel}`)}
        </p>
      )}
      {!plan && loading && <p className="muted">{t('standbyPoints.loading')}</p>}
      {error && <p className="error">{t(`errors.${error}`)}</p>}
      {plan && groups.length === 0 && <p className="muted">{t('standbyPoints.none')}</p>}
      {groups.map((g) => {
        const open = g.units.filter((u) => !isOrderedTo(orders[u.unitId], u.point.lngLat));
        return (
          <section
            key={g.gridId}
            className="standby-group"
            data-testid="standby-group"
            data-grid-id={g.gridId}
          >
            <header>
              <strong>{g.name}</strong>
              {g.before && g.after && <span className="muted">{sharesText(g.before, g.after)}</span>}
              {mayOrder && (
                <button
                  type="button"
                  data-testid="standby-send-all"
                  disabled={open.length === 0 || open.some((u) => sending[u.unitId])}
                  onClick={() => send(open)}
                >
                  {t('standbyPoints.sendAll', { count: open.length })}
                </button>
              )}
            </header>
            <ul>
              {g.units.map((u) => {
                const ordered = isOrderedTo(orders[u.unitId], u.point.lngLat);
                return (
                  <li
                    key={u.unitId}
                    data-testid="standby-point-row"
                    data-unit-id={u.unitId}
                    data-ordered={ordered}
                    onClick={() => useUiStore.getState().requestFlyTo(u.point.lngLat, 15)}
                  >
                    <span className="call-sign">{u.callSign}</span>
                    <span className="muted">
                      {u.travelSeconds === null
                        ? '—'
                        : t('standbyPoints.travel', { minutes: etaMinutes(u.travelSeconds) })}
                    </span>
                    <span className="muted" title={t('standbyPoints.gainHint')}>
                      {t('standbyPoints.gain', { points: (u.expectedGain3 * 100).toFixed(1) })} /{' '}
                      {t('standbyPoints.gain', { points: (u.expectedGain5 * 100).toFixed(1) })}
                    </span>
                    {ordered ? (
                      <span className="pill" data-testid="standby-ordered">
                        {t('standbyPoints.ordered')}
                      </span>
                    ) : (
                      mayOrder && (
                        <button
                          type="button"
                          data-testid="standby-send"
                          disabled={sending[u.unitId] === true}
                          onClick={(e) => {
                            e.stopPropagation();
                            send([u]);
                          }}
                        >
                          {t('standbyPoints.send')}
                        </button>
                      )
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {plan && plan.skipped.length > 0 && (
        <p className="muted">{t('standbyPoints.skipped', { count: plan.skipped.length })}</p>
      )}
      <p className="muted">{t('standbyPoints.stillFree')}</p>
    </div>
  );
}
