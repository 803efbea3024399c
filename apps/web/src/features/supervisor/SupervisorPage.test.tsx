import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useGridsStore } from '../../stores/grids-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { useUnitsStore } from '../../stores/units-store.js';
import { makeGrid, makeUnit } from '../../test/fixtures.js';
import { resetStores } from '../../test/reset-stores.js';
import { SupervisorPage } from './SupervisorPage.js';

// The cover plan panel asks for standby points; left pending here (its own tests cover it).
const api = vi.hoisted(() => ({
  moveUnitToGrid: vi.fn(),
  standbyRecommendations: vi.fn(() => new Promise(() => undefined)),
  hotspotsTop: vi.fn(() => new Promise(() => undefined)),
}));
vi.mock('../../api/client.js', () => ({ api }));
vi.mock('../../components/SituationMapView.js', () => ({ SituationMapView: () => null }));

/** A DataTransfer stand-in: jsdom has none. */
function dataTransfer() {
  const data = new Map<string, string>();
  return {
    setData: (type: string, value: string) => data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    dropEffect: 'none',
    effectAllowed: 'all',
  };
}

describe('SupervisorPage', () => {
  beforeEach(() => {
    resetStores();
    vi.clearAllMocks();
    useSessionStore.setState({
      token: 't',
      status: 'authenticated',
      user: { id: 's', username: 'supervisor', displayName: '督察', role: 'supervisor', unitId: null },
    });
    useGridsStore.getState().applySnapshot([
      makeGrid({ id: 'g1', code: 'G01', name: '一网格' }),
      makeGrid({
        id: 'g2',
        code: 'G02',
        name: '二网格',
        staffing: { status: 'uncovered', present: {}, available: {}, shortfall: { patrol_car: 1 } },
      }),
      makeGrid({
        id: 'g3',
        code: 'G03',
        name: '三网格',
        staffing: {
          status: 'understaffed',
          present: { patrol_car: 1 },
          available: {},
          shortfall: { post: 1 },
        },
      }),
    ]);
    useUnitsStore.getState().applySnapshot([makeUnit({ id: 'u1', callSign: '巡01', currentGridId: 'g1' })]);
    api.moveUnitToGrid.mockImplementation(async (id: string, gridId: string) =>
      makeUnit({ id, callSign: '巡01', currentGridId: gridId, version: 2 }),
    );
  });

  it('lists uncovered, then understaffed grids first', () => {
    render(<SupervisorPage />);
    const rows = screen.getAllByTestId('grid-row');
    expect(rows.map((r) => r.dataset.status)).toEqual(['uncovered', 'understaffed', 'ok']);
    expect(within(rows[0] as HTMLElement).getByText('无警力覆盖')).toBeTruthy();
  });

  it('moves a unit by dragging its row onto a grid row', async () => {
    render(<SupervisorPage />);
    const transfer = dataTransfer();
    fireEvent.dragStart(screen.getByTestId('unit-row'), { dataTransfer: transfer });
    const target = screen.getAllByTestId('grid-row').find((r) => r.dataset.gridId === 'g2') as HTMLElement;
    fireEvent.dragOver(target, { dataTransfer: transfer });
    fireEvent.drop(target, { dataTransfer: transfer });
    await waitFor(() => expect(api.moveUnitToGrid).toHaveBeenCalledWith('u1', 'g2'));
    await waitFor(() => expect(useUnitsStore.getState().byId.u1?.currentGridId).toBe('g2'));
  });

  it('moves a unit with the select-and-move form', async () => {
    render(<SupervisorPage />);
    fireEvent.change(screen.getByTestId('move-unit-select'), { target: { value: 'u1' } });
    fireEvent.change(screen.getByTestId('move-grid-select'), { target: { value: 'g3' } });
    await act(async () => fireEvent.click(screen.getByTestId('move-submit')));
    expect(api.moveUnitToGrid).toHaveBeenCalledWith('u1', 'g3');
  });
});
