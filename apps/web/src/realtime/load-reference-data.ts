/**
 * Data fetched once over REST after sign-in: map base layers, clock targets, and the current
 * lists (merged by version with whatever the socket snapshot brings, so order does not matter).
 */
import { can } from '@dispatch/domain';
import { api } from '../api/client.js';
import { useClockStore } from '../stores/clock-store.js';
import { useCoverageStore } from '../stores/coverage-store.js';
import { useGridsStore } from '../stores/grids-store.js';
import { useIncidentsStore } from '../stores/incidents-store.js';
import { useMapDataStore } from '../stores/map-data-store.js';
import { useMoveUpStore } from '../stores/move-up-store.js';
import { useSessionStore } from '../stores/session-store.js';
import { useUnitsStore } from '../stores/units-store.js';

const ignore = () => undefined;

/**
 * Live coverage, the open alerts and the pending move-ups, for staff screens (`coverage.read`; not
 * the unit terminal). Called after sign-in and after a reconnect that lost events: the socket
 * snapshot carries none of them, and an alert or a move-up made or decided while away would
 * otherwise be missed.
 */
export async function loadCoverage(): Promise<void> {
  const role = useSessionStore.getState().user?.role;
  if (!role || !can(role, 'coverage.read')) return;
  const sinceSeq = useCoverageStore.getState().alertSeq;
  const moveUpSeq = useMoveUpStore.getState().seq;
  await Promise.all([
    api.coverage().then((coverage) => useCoverageStore.getState().applyCoverage(coverage), ignore),
    api.coverageAlerts().then((alerts) => useCoverageStore.getState().applyAlerts(alerts, sinceSeq), ignore),
    api.moveUps().then((moves) => useMoveUpStore.getState().applyPending(moves, moveUpSeq), ignore),
  ]);
}

export async function loadReferenceData(): Promise<void> {
  const mapData = useMapDataStore.getState();
  const tasks: Promise<unknown>[] = [
    api.clockTargets().then((targets) => useClockStore.getState().setTargets(targets), ignore),
    api.listGrids().then((grids) => useGridsStore.getState().upsertGrids(grids), ignore),
    api.listUnits().then((units) => useUnitsStore.getState().upsertUnits(units), ignore),
    api
      .listIncidents({ status: 'board' })
      .then((list) => useIncidentsStore.getState().upsertIncidents(list), ignore),
    loadCoverage(),
  ];
  if (mapData.status === 'idle' || mapData.status === 'failed') {
    mapData.setLoading();
    tasks.push(
      Promise.all([
        api.roads().catch(() => null),
        api.river().catch(() => null),
        api.listPosts().catch(() => []),
      ]).then(
        ([roads, river, posts]) => useMapDataStore.getState().setData({ roads, river, posts }),
        () => useMapDataStore.getState().setFailed(),
      ),
    );
  }
  await Promise.all(tasks);
}
