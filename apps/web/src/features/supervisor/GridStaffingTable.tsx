import type { GridDto } from '@dispatch/contracts';
import { can } from '@dispatch/domain';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { compareGridsBySeverity, staffingKinds } from '../../lib/grid-order.js';
import { useGridsStore } from '../../stores/grids-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { GridCoverageCells } from './GridCoverageCells.js';
import { UNIT_DRAG_TYPE, moveUnitToGrid } from './move-unit.js';
import { ThresholdCell } from './ThresholdCell.js';

function StaffingCell({ grid }: { grid: GridDto }) {
  const { t } = useTranslation();
  return (
    <span className="staffing">
      {staffingKinds(grid).map((kind) => {
        const present = grid.staffing.present[kind] ?? 0;
        const min = grid.minStaffing[kind] ?? 0;
        const short = (grid.staffing.shortfall[kind] ?? 0) > 0;
        return (
          <span key={kind} className={`staffing-kind ${short ? 'short' : ''}`} title={t(`unitKind.${kind}`)}>
            {t(`unitKind.${kind}`)} {present}/{min}
          </span>
        );
      })}
    </span>
  );
}

/**
 * Staffing against minimums per grid, worst first, with its live coverage and alert threshold
 * (editable by roles with grid.edit); rows accept dropped unit rows.
 */
export function GridStaffingTable({
  selectedGridId,
  onSelectGrid,
}: {
  selectedGridId: string | null;
  onSelectGrid: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const grids = useGridsStore(useShallow((s) => Object.values(s.byId).sort(compareGridsBySeverity)));
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const role = useSessionStore((s) => s.user?.role);
  const canEdit = role !== undefined && can(role, 'grid.edit');

  const onDrop = (event: DragEvent, gridId: string) => {
    event.preventDefault();
    setDropTarget(null);
    const unitId = event.dataTransfer.getData(UNIT_DRAG_TYPE) || event.dataTransfer.getData('text/plain');
    if (unitId) void moveUnitToGrid(unitId, gridId);
  };

  return (
    <table className="grid-table" data-testid="grid-table">
      <thead>
        <tr>
          <th>{t('grids.code')}</th>
          <th>{t('grids.name')}</th>
          <th>{t('grids.station')}</th>
          <th>{t('grids.status')}</th>
          <th>
            {t('grids.present')} / {t('grids.minimum')}
          </th>
          <th title={t('coverage.within3Hint')}>{t('coverage.within3')}</th>
          <th title={t('coverage.within5Hint')}>{t('coverage.within5')}</th>
          <th>{t('coverage.levelColumn')}</th>
          <th>{t('coverage.freeUnits')}</th>
          <th>{t('coverage.alert')}</th>
          <th>{t('coverage.threshold')}</th>
        </tr>
      </thead>
      <tbody>
        {grids.map((grid) => (
          <tr
            key={grid.id}
            className={`grid-row grid-${grid.staffing.status} ${grid.id === selectedGridId ? 'selected' : ''} ${
              dropTarget === grid.id ? 'drop-target' : ''
            }`}
            data-testid="grid-row"
            data-grid-id={grid.id}
            data-status={grid.staffing.status}
            onClick={() => onSelectGrid(grid.id === selectedGridId ? null : grid.id)}
            onDragOver={(e) => {
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              setDropTarget(grid.id);
            }}
            onDragLeave={() => setDropTarget((d) => (d === grid.id ? null : d))}
            onDrop={(e) => onDrop(e, grid.id)}
          >
            <td>{grid.code}</td>
            <td>{grid.name}</td>
            <td className="muted">{grid.stationName ?? '—'}</td>
            <td>
              <span className={`pill grid-status-${grid.staffing.status}`}>
                {t(`gridStatus.${grid.staffing.status}`)}
              </span>
            </td>
            <td className="staffing-cell">
              <StaffingCell grid={grid} />
            </td>
            <GridCoverageCells gridId={grid.id} />
            <ThresholdCell grid={grid} editable={canEdit} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
