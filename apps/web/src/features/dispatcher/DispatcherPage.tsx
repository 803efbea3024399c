import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { MoveUpPanel } from '../../components/MoveUpPanel.js';
import { SituationMapView } from '../../components/SituationMapView.js';
import { useGlobalShortcut } from '../../hooks/use-global-shortcut.js';
import { nearestRoadName } from '../../lib/nearest-road.js';
import type { MapHit } from '../../map/situation-map.js';
import { serverNow } from '../../stores/clock-store.js';
import { useIntakeStore } from '../../stores/intake-store.js';
import { useMapDataStore } from '../../stores/map-data-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { useDispatcherAlerts } from '../attention/use-dispatcher-alerts.js';
import { CallIntake } from './CallIntake.js';
import { IncidentDetail } from './IncidentDetail.js';
import { IncidentQueue } from './IncidentQueue.js';
import { UnitBoard } from './UnitBoard.js';

/** Dispatcher console: intake on the left, map in the middle, queue and detail on the right. */
export function DispatcherPage() {
  const { t } = useTranslation();

  useGlobalShortcut(['n', 'N'], (event) => {
    event.preventDefault();
    useIntakeStore.getState().start(serverNow());
  });
  useGlobalShortcut(['Escape'], () => {
    if (useIntakeStore.getState().active) useIntakeStore.getState().reset();
    else useUiStore.getState().selectIncident(null);
  });

  const onMapClick = useCallback(
    (lngLat: [number, number], hit: MapHit) => {
      const intake = useIntakeStore.getState();
      const ui = useUiStore.getState();
      if (!intake.active && hit.incidentId) return ui.selectIncident(hit.incidentId);
      if (!intake.active && hit.unitId) return ui.selectUnit(hit.unitId);
      if (!intake.active) intake.start(serverNow());
      const state = useIntakeStore.getState();
      state.setLocation(lngLat);
      const road = nearestRoadName(useMapDataStore.getState().roads, lngLat);
      if (road && !state.address) state.setText('address', t('intake.near', { road }));
    },
    [t],
  );

  useDispatcherAlerts('dispatcher');
  return (
    <div className="dispatcher-page">
      <aside className="column column-left">
        <CallIntake />
      </aside>
      <main className="column column-center">
        <SituationMapView onClick={onMapClick} />
        <UnitBoard />
      </main>
      <aside className="column column-right">
        <IncidentDetail />
        <MoveUpPanel />
        <IncidentQueue />
      </aside>
    </div>
  );
}
