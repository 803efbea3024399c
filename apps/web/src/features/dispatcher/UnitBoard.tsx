import type { UnitDto } from '@dispatch/contracts';
import { UNIT_KINDS, type UnitKind } from '@dispatch/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { groupUnitsByGrid } from '../../lib/unit-groups.js';
import { useGridsStore } from '../../stores/grids-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { useUnitsStore } from '../../stores/units-store.js';

function flyToUnit(unit: UnitDto) {
  const ui = useUiStore.getState();
  ui.selectUnit(unit.id);
  const position = useUnitsStore.getState().positions[unit.id];
  if (position) ui.requestFlyTo(position.lngLat, 16);
}

/** Units by grid and status, filterable by kind; a click flies the map to the unit. */
export function UnitBoard() {
  const { t } = useTranslation();
  const units = useUnitsStore(useShallow((s) => Object.values(s.byId)));
  const grids = useGridsStore((s) => s.byId);
  const kind = useUiStore((s) => s.unitKindFilter);
  const selectedUnitId = useUiStore((s) => s.selectedUnitId);
  const gridOrder = useMemo(
    () =>
      Object.values(grids)
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((g) => g.id),
    [grids],
  );
  const groups = useMemo(() => groupUnitsByGrid(units, kind, gridOrder), [units, kind, gridOrder]);

  return (
    <section className="panel unit-board" data-testid="unit-board">
      <header className="panel-header">
        <h2>{t('units.board')}</h2>
        <select
          aria-label={t('units.filterKind')}
          value={kind}
          onChange={(e) => useUiStore.getState().setUnitKindFilter(e.target.value as UnitKind | 'all')}
          data-testid="unit-kind-filter"
        >
          <option value="all">{t('common.all')}</option>
          {UNIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`unitKind.${k}`)}
            </option>
          ))}
        </select>
      </header>
      <div className="unit-groups">
        {groups.map((group) => (
          <div key={group.gridId ?? 'none'} className="unit-group">
            <h3>
              {group.gridId ? (grids[group.gridId]?.name ?? group.gridId) : t('units.noGrid')}
              <span className="muted">
                {' '}
                {t('units.free')} {group.free} · {t('units.busy')} {group.busy}
              </span>
            </h3>
            <ul>
              {group.units.map((unit) => (
                <li key={unit.id}>
                  <button
                    type="button"
                    className={`unit-chip status-${unit.status} ${unit.id === selectedUnitId ? 'selected' : ''}`}
                    title={`${t(`unitKind.${unit.kind}`)} · ${t(`unitStatus.${unit.status}`)}`}
                    onClick={() => flyToUnit(unit)}
                    data-testid="unit-chip"
                    data-unit-id={unit.id}
                    data-status={unit.status}
                  >
                    {unit.callSign}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
