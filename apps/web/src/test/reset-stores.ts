import { DEFAULT_CLOCK_TARGETS } from '@dispatch/domain';
import { useClockStore } from '../stores/clock-store.js';
import { useCoverageStore } from '../stores/coverage-store.js';
import { useGridsStore } from '../stores/grids-store.js';
import { useIncidentsStore } from '../stores/incidents-store.js';
import { useIntakeStore } from '../stores/intake-store.js';
import { useMoveUpStore } from '../stores/move-up-store.js';
import { useHotspotStore } from '../stores/hotspot-store.js';
import { useStandbyPointsStore } from '../stores/standby-points-store.js';
import { useStandbyStore } from '../stores/standby-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useUnitsStore } from '../stores/units-store.js';
import { useMapLayersStore } from '../map/map-layers-store.js';

/** Puts every store back to its empty state (stores are module singletons). */
export function resetStores(now = 0): void {
  useIncidentsStore.setState({ byId: {} });
  useUnitsStore.setState({ byId: {}, positions: {} });
  useGridsStore.setState({ byId: {} });
  useStandbyStore.setState({ byUnit: {}, updates: {} });
  useClockStore.setState({ offsetMs: 0, now, targets: DEFAULT_CLOCK_TARGETS });
  useCoverageStore.setState({ coverage: null, byGrid: {}, alerts: {}, alertSeq: 0, alertLog: [] });
  useMoveUpStore.setState({ byId: {}, seq: 0, log: [] });
  useMapLayersStore.setState({ coverage: false, hotspots: false, standbyPoints: true });
  useHotspotStore.setState({ period: 'now', map: null, topByGrid: {}, error: null });
  useStandbyPointsStore.getState().reset();
  useIntakeStore.getState().reset();
  useUiStore.setState({
    connection: 'connecting',
    selectedIncidentId: null,
    selectedUnitId: null,
    flyTo: null,
    routes: {},
    unitKindFilter: 'all',
    notices: [],
  });
}
