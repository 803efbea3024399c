import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MoveUpPanel } from '../../components/MoveUpPanel.js';
import { SituationMapView } from '../../components/SituationMapView.js';
import { CoverPlanPanel } from './CoverPlanPanel.js';
import { GridStaffingTable } from './GridStaffingTable.js';
import { UnitMovePanel } from './UnitMovePanel.js';

/**
 * Supervisor: staffing per grid (problems first), move-up recommendations, moving units between
 * grids, and keeping the city covered (recommended standby points, hot spots; their map layers).
 */
export function SupervisorPage() {
  const { t } = useTranslation();
  const [gridId, setGridId] = useState<string | null>(null);
  return (
    <div className="supervisor-page">
      <section className="panel grids-panel">
        <h2>{t('grids.title')}</h2>
        <GridStaffingTable selectedGridId={gridId} onSelectGrid={setGridId} />
      </section>
      <div className="supervisor-side">
        <MoveUpPanel />
        <UnitMovePanel gridId={gridId} />
      </div>
      <CoverPlanPanel gridId={gridId} />
      <div className="supervisor-map">
        <SituationMapView coverage />
      </div>
    </div>
  );
}
