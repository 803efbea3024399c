import { can } from '@dispatch/domain';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useGridsStore } from '../../stores/grids-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { useUnitsStore } from '../../stores/units-store.js';
import { UNIT_DRAG_TYPE, moveUnitToGrid } from './move-unit.js';

/** Units (of the selected grid, or all) as draggable rows, plus a select-and-move form. */
export function UnitMovePanel({ gridId }: { gridId: string | null }) {
  const { t } = useTranslation();
  const role = useSessionStore((s) => s.user?.role);
  const allowed = role ? can(role, 'unit.move_grid') : false;
  const units = useUnitsStore(useShallow((s) => Object.values(s.byId)));
  const grids = useGridsStore((s) => s.byId);
  const [unitId, setUnitId] = useState('');
  const [targetGridId, setTargetGridId] = useState('');
  const [busy, setBusy] = useState(false);

  const shown = useMemo(
    () =>
      units
        .filter((u) => u.status !== 'off_duty' && (gridId === null || u.currentGridId === gridId))
        .sort((a, b) => a.callSign.localeCompare(b.callSign)),
    [units, gridId],
  );
  const gridList = useMemo(() => Object.values(grids).sort((a, b) => a.code.localeCompare(b.code)), [grids]);

  const move = async () => {
    setBusy(true);
    await moveUnitToGrid(unitId, targetGridId);
    setBusy(false);
  };

  return (
    <section className="panel unit-move" data-testid="unit-move">
      <h2>{gridId ? `${t('grids.unitsInGrid')} · ${grids[gridId]?.name ?? ''}` : t('grids.moveUnit')}</h2>
      {allowed && (
        <div className="inline-form">
          <select
            aria-label={t('grids.selectUnit')}
            value={unitId}
            onChange={(e) => setUnitId(e.target.value)}
            data-testid="move-unit-select"
          >
            <option value="">{t('grids.selectUnit')}</option>
            {shown.map((u) => (
              <option key={u.id} value={u.id}>
                {u.callSign}
              </option>
            ))}
          </select>
          <select
            aria-label={t('grids.selectGrid')}
            value={targetGridId}
            onChange={(e) => setTargetGridId(e.target.value)}
            data-testid="move-grid-select"
          >
            <option value="">{t('grids.selectGrid')}</option>
            {gridList.map((g) => (
              <option key={g.id} value={g.id}>
                {g.code} {g.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="primary"
            disabled={busy || !unitId || !targetGridId}
            onClick={move}
            data-testid="move-submit"
          >
            {t('grids.move')}
          </button>
        </div>
      )}
      {allowed && <p className="hint">{t('grids.dropHint')}</p>}
      <ul className="unit-rows">
        {shown.map((u) => (
          <li
            key={u.id}
            className={`unit-row status-${u.status}`}
            draggable={allowed}
            onDragStart={(e) => {
              e.dataTransfer.setData(UNIT_DRAG_TYPE, u.id);
              e.dataTransfer.setData('text/plain', u.id);
              e.dataTransfer.effectAllowed = 'move';
            }}
            data-testid="unit-row"
            data-unit-id={u.id}
          >
            <strong>{u.callSign}</strong>
            <span className="muted">{t(`unitKind.${u.kind}`)}</span>
            <span className={`pill status-${u.status}`}>{t(`unitStatus.${u.status}`)}</span>
            <span className="muted">
              {u.currentGridId ? (grids[u.currentGridId]?.code ?? '') : t('units.noGrid')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
