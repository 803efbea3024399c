import { beforeEach, describe, expect, it } from 'vitest';
import { useClockStore } from '../stores/clock-store.js';
import { useCoverageStore } from '../stores/coverage-store.js';
import { useGridsStore } from '../stores/grids-store.js';
import { useIncidentsStore } from '../stores/incidents-store.js';
import { useMoveUpStore } from '../stores/move-up-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useUnitsStore } from '../stores/units-store.js';
import { T0, iso, makeAssignment, makeGrid, makeIncident, makeUnit } from '../test/fixtures.js';
import { makeCoverage, makeCoverageAlert, makeGridCoverage } from '../test/coverage-fixtures.js';
import { makeMoveUp } from '../test/move-up-fixtures.js';
import { resetStores } from '../test/reset-stores.js';
import { eventHandlers } from './apply-events.js';

describe('socket events into the stores', () => {
  beforeEach(() => resetStores());

  it('applies a snapshot, then events, in the one place per event', () => {
    eventHandlers.snapshot({
      timeZone: 'Asia/Shanghai',
      serverTime: Date.now() + 5000,
      incidents: [makeIncident({ version: 1 })],
      units: [makeUnit({ version: 1 })],
      grids: [makeGrid({ version: 1 })],
    });
    expect(useClockStore.getState().offsetMs).toBeGreaterThan(4000);
    eventHandlers['assignment:created'](makeAssignment({ version: 1 }));
    eventHandlers['incident:updated'](makeIncident({ version: 2, status: 'dispatched' }));
    eventHandlers['unit:updated'](makeUnit({ version: 2, status: 'assigned' }));
    eventHandlers['grid:updated'](makeGrid({ version: 2, name: '新名称' }));
    eventHandlers['unit:positions']({
      positions: [
        { id: 'u1', lngLat: [116.5, 39.95], headingDeg: null, speedMps: null, at: iso(T0 + 60_000) },
      ],
    });
    eventHandlers['clock:breach']({
      incidentId: 'i1',
      incidentNumber: '110-1',
      clock: 'dispatch',
      targetSeconds: 60,
      deadline: T0 + 60_000,
    });

    const incident = useIncidentsStore.getState().byId.i1;
    expect(incident?.status).toBe('dispatched');
    expect(incident?.assignments).toHaveLength(1);
    expect(useUnitsStore.getState().byId.u1?.status).toBe('assigned');
    expect(useUnitsStore.getState().positions.u1?.lngLat).toEqual([116.5, 39.95]);
    expect(useGridsStore.getState().byId.g1?.name).toBe('新名称');
    expect(useUiStore.getState().notices[0]).toMatchObject({ key: 'notices.breach', level: 'warning' });
  });

  it('ignores events older than the snapshot that follows them', () => {
    eventHandlers['incident:created'](makeIncident({ version: 1 }));
    eventHandlers.snapshot({
      timeZone: 'Asia/Shanghai',
      serverTime: Date.now(),
      incidents: [makeIncident({ version: 3, status: 'on_scene' })],
      units: [],
      grids: [],
    });
    eventHandlers['incident:updated'](makeIncident({ version: 2, status: 'dispatched' }));
    expect(useIncidentsStore.getState().byId.i1?.status).toBe('on_scene');
  });

  it('takes coverage and its alerts, one store action per event', () => {
    eventHandlers['coverage:updated'](
      makeCoverage([makeGridCoverage({ level: 'uncovered', demandShare5: 0.4 })]),
    );
    eventHandlers['coverage:alert'](makeCoverageAlert({ id: '3' }));
    const coverage = useCoverageStore.getState();
    expect(coverage.byGrid.g1?.level).toBe('uncovered');
    expect(coverage.alerts.g1?.id).toBe('3');
    eventHandlers['coverage:cleared'](makeCoverageAlert({ id: '3', clearedAt: iso(T0 + 60_000) }));
    expect(useCoverageStore.getState().alerts).toEqual({});
  });

  it('takes move-ups as they are recommended and drops them as they are decided', () => {
    eventHandlers['move-up:recommended'](makeMoveUp({ id: 'm1' }));
    eventHandlers['move-up:recommended'](makeMoveUp({ id: 'm2', unitId: 'u2' }));
    eventHandlers['move-up:decided'](makeMoveUp({ id: 'm1', status: 'expired', endReason: 'superseded' }));
    expect(Object.keys(useMoveUpStore.getState().byId)).toEqual(['m2']);
  });
});
