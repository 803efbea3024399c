import type { Role } from '@dispatch/domain';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useCoverageStore } from '../stores/coverage-store.js';
import { useMoveUpStore } from '../stores/move-up-store.js';
import { useSessionStore } from '../stores/session-store.js';
import { makeCoverage, makeCoverageAlert, makeGridCoverage } from '../test/coverage-fixtures.js';
import { makeMoveUp } from '../test/move-up-fixtures.js';
import { resetStores } from '../test/reset-stores.js';
import { loadCoverage, loadReferenceData } from './load-reference-data.js';

const api = vi.hoisted(() => ({
  clockTargets: vi.fn(),
  listGrids: vi.fn(),
  listUnits: vi.fn(),
  listIncidents: vi.fn(),
  roads: vi.fn(),
  river: vi.fn(),
  listPosts: vi.fn(),
  coverage: vi.fn(),
  coverageAlerts: vi.fn(),
  moveUps: vi.fn(),
}));
vi.mock('../api/client.js', () => ({ api }));

function signIn(role: Role) {
  useSessionStore.setState({
    token: 't',
    status: 'authenticated',
    user: { id: 'x', username: role, displayName: role, role, unitId: role === 'unit' ? 'u1' : null },
  });
}

describe('loading coverage with the reference data', () => {
  beforeEach(() => {
    resetStores();
    vi.clearAllMocks();
    for (const fn of Object.values(api)) fn.mockResolvedValue([]);
    api.clockTargets.mockResolvedValue({
      dispatchSeconds: 60,
      firstArrivalSeconds: 180,
      reinforcementSeconds: 300,
    });
    api.river.mockResolvedValue(null);
    api.roads.mockResolvedValue(null);
    api.coverage.mockResolvedValue(makeCoverage([makeGridCoverage({ level: 'thin' })]));
    api.coverageAlerts.mockResolvedValue([makeCoverageAlert()]);
  });

  it('fetches coverage and the open alerts for staff screens', async () => {
    signIn('dispatcher');
    await loadReferenceData();
    expect(api.coverage).toHaveBeenCalledTimes(1);
    expect(useCoverageStore.getState().byGrid.g1?.level).toBe('thin');
    expect(Object.keys(useCoverageStore.getState().alerts)).toEqual(['g1']);
  });

  it('skips coverage for the unit terminal', async () => {
    signIn('unit');
    await loadReferenceData();
    expect(api.listUnits).toHaveBeenCalled();
    expect(api.coverage).not.toHaveBeenCalled();
    expect(api.coverageAlerts).not.toHaveBeenCalled();
    expect(api.moveUps).not.toHaveBeenCalled();
  });

  it('fetches the pending move-ups with coverage, keeping one decided while the list was in flight', async () => {
    signIn('dispatcher');
    const decided = makeMoveUp({ id: 'm1' });
    useMoveUpStore.getState().applyEvent(decided);
    api.moveUps.mockImplementation(async () => {
      useMoveUpStore.getState().applyEvent({ ...decided, status: 'accepted' });
      return [decided, makeMoveUp({ id: 'm2', unitId: 'u2' })];
    });
    await loadCoverage();
    expect(Object.keys(useMoveUpStore.getState().byId)).toEqual(['m2']);
  });

  it('keeps an alert cleared over the socket while the list was in flight', async () => {
    signIn('supervisor');
    const alert = makeCoverageAlert();
    useCoverageStore.getState().raiseAlert(alert);
    api.coverageAlerts.mockImplementation(async () => {
      // The clear overtakes the answer, which still lists the alert as open.
      useCoverageStore.getState().clearAlert({ ...alert, clearedAt: new Date().toISOString() });
      return [alert];
    });
    await loadCoverage();
    expect(useCoverageStore.getState().alerts).toEqual({});
  });

  it('leaves the store alone when coverage cannot be computed (no road network)', async () => {
    signIn('admin');
    api.coverage.mockRejectedValue(new Error('NO_ROAD_NETWORK'));
    await loadCoverage();
    expect(useCoverageStore.getState().coverage).toBeNull();
  });
});
