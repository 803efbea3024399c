import type { Role } from '@dispatch/domain';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error.js';
import { i18n } from '../i18n/index.js';
import { useClockStore } from '../stores/clock-store.js';
import { useGridsStore } from '../stores/grids-store.js';
import { useIncidentsStore } from '../stores/incidents-store.js';
import { useMoveUpStore } from '../stores/move-up-store.js';
import { useSessionStore } from '../stores/session-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useUnitsStore } from '../stores/units-store.js';
import { T0, makeGrid, makeIncident, makeUnit } from '../test/fixtures.js';
import { makeMoveUp } from '../test/move-up-fixtures.js';
import { resetStores } from '../test/reset-stores.js';
import { MoveUpPanel } from './MoveUpPanel.js';

const api = vi.hoisted(() => ({ acceptMoveUp: vi.fn(), declineMoveUp: vi.fn() }));
vi.mock('../api/client.js', () => ({ api }));

function signIn(role: Role) {
  useSessionStore.setState({
    token: 't',
    status: 'authenticated',
    user: { id: 'x', username: role, displayName: role, role, unitId: role === 'unit' ? 'u1' : null },
  });
}

describe('MoveUpPanel', () => {
  beforeEach(() => {
    resetStores(T0 + 5_000);
    vi.clearAllMocks();
    signIn('dispatcher');
    useGridsStore.getState().applySnapshot([makeGrid(), makeGrid({ id: 'g2', code: 'G02', name: '二网格' })]);
    useUnitsStore.getState().applySnapshot([makeUnit(), makeUnit({ id: 'u2', callSign: '巡02' })]);
    useIncidentsStore.getState().applySnapshot([makeIncident()]);
  });

  it('lists each pending move-up: unit, grid to grid, 5-minute gain, drive and why', () => {
    render(<MoveUpPanel />);
    expect(screen.queryByTestId('move-up-panel')).toBeNull();
    act(() => useMoveUpStore.getState().applyEvent(makeMoveUp()));
    const row = screen.getByTestId('move-up');
    expect(row.textContent).toContain('巡01');
    expect(row.textContent).toContain('一网格 → 二网格');
    expect(row.textContent).toContain('5分钟覆盖 +3.2%');
    expect(row.textContent).toContain('车程约 3 分钟');
    expect(row.textContent).toContain('因派警 110-20261123-0001');
    fireEvent.click(within(row).getByText('巡01'));
    expect(useUiStore.getState().flyTo).toMatchObject({ lngLat: [116.43, 39.9], zoom: 15 });
  });

  it('is in English too', async () => {
    await act(() => i18n.changeLanguage('en'));
    try {
      useMoveUpStore
        .getState()
        .applyEvent(makeMoveUp({ trigger: { kind: 'out_of_service', unitIds: ['u2'], incidentIds: [] } }));
      render(<MoveUpPanel />);
      const row = screen.getByTestId('move-up');
      expect(row.textContent).toContain('+3.2% 5-min coverage');
      expect(row.textContent).toContain('About 3 min drive');
      expect(row.textContent).toContain('After 巡02 went out of service');
      expect(within(row).getByRole('button', { name: 'Accept' })).toBeTruthy();
    } finally {
      await act(() => i18n.changeLanguage('zh-CN'));
    }
  });

  it('accepts: the server answer takes it off the list and a notice confirms the order', async () => {
    const move = makeMoveUp();
    useMoveUpStore.getState().applyEvent(move);
    api.acceptMoveUp.mockResolvedValue({
      recommendation: { ...move, status: 'accepted', standbyOrderId: 'o1' },
      order: {},
    });
    render(<MoveUpPanel />);
    fireEvent.click(screen.getByRole('button', { name: '采纳' }));
    await waitFor(() => expect(screen.queryByTestId('move-up-panel')).toBeNull());
    expect(api.acceptMoveUp).toHaveBeenCalledWith('m1');
    expect(useUiStore.getState().notices.at(-1)).toMatchObject({ key: 'moveUp.accepted', level: 'info' });
  });

  it('declines', async () => {
    const move = makeMoveUp();
    useMoveUpStore.getState().applyEvent(move);
    api.declineMoveUp.mockResolvedValue({ ...move, status: 'declined' });
    render(<MoveUpPanel />);
    fireEvent.click(screen.getByRole('button', { name: '不采纳' }));
    await waitFor(() => expect(screen.queryByTestId('move-up-panel')).toBeNull());
    expect(api.declineMoveUp).toHaveBeenCalledWith('m1');
  });

  it('shows why an accept was refused, and drops a move-up someone else decided', async () => {
    useMoveUpStore.getState().applyEvent(makeMoveUp());
    useMoveUpStore.getState().applyEvent(makeMoveUp({ id: 'm2', unitId: 'u2', callSign: '巡02' }));
    api.acceptMoveUp.mockRejectedValue(new ApiError(409, 'MOVE_UP_DECIDED', 'decided'));
    render(<MoveUpPanel />);
    const first = screen.getAllByTestId('move-up')[0]!;
    fireEvent.click(within(first).getByRole('button', { name: '采纳' }));
    await waitFor(() => expect(screen.getAllByTestId('move-up')).toHaveLength(1));
    expect(useUiStore.getState().notices.at(-1)).toMatchObject({
      key: 'errors.MOVE_UP_DECIDED',
      level: 'error',
    });
    expect(i18n.t('errors.MOVE_UP_DECIDED')).toBe('该补位建议已被他人处理');
  });

  it('hides move-ups whose unit was dispatched meanwhile or whose time ran out', () => {
    useMoveUpStore.getState().applyEvent(makeMoveUp());
    useMoveUpStore.getState().applyEvent(makeMoveUp({ id: 'm2', unitId: 'u2', callSign: '巡02' }));
    render(<MoveUpPanel />);
    expect(screen.getAllByTestId('move-up')).toHaveLength(2);
    act(() => useUnitsStore.getState().upsertUnit(makeUnit({ id: 'u2', status: 'assigned', version: 2 })));
    expect(screen.getAllByTestId('move-up').map((r) => r.dataset.moveUpId)).toEqual(['m1']);
    act(() => useClockStore.setState({ now: T0 + 600_000 }));
    expect(screen.queryByTestId('move-up-panel')).toBeNull();
  });

  it('lets the shift leader read but not decide, and stays off the unit terminal', () => {
    useMoveUpStore.getState().applyEvent(makeMoveUp());
    signIn('shift_leader');
    const { unmount } = render(<MoveUpPanel />);
    expect(screen.getByTestId('move-up')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '采纳' })).toBeNull();
    unmount();
    signIn('unit');
    render(<MoveUpPanel />);
    expect(screen.queryByTestId('move-up-panel')).toBeNull();
  });
});
