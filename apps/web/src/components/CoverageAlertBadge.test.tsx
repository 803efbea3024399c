import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useCoverageStore } from '../stores/coverage-store.js';
import { useGridsStore } from '../stores/grids-store.js';
import { useSessionStore } from '../stores/session-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { makeCoverageAlert } from '../test/coverage-fixtures.js';
import { makeGrid } from '../test/fixtures.js';
import { resetStores } from '../test/reset-stores.js';
import { CoverageAlertBadge } from './CoverageAlertBadge.js';

function signIn(role: 'dispatcher' | 'unit') {
  useSessionStore.setState({
    token: 't',
    status: 'authenticated',
    user: { id: 'x', username: role, displayName: role, role, unitId: role === 'unit' ? 'u1' : null },
  });
}

describe('CoverageAlertBadge (dispatcher header)', () => {
  beforeEach(() => {
    resetStores();
    signIn('dispatcher');
    useGridsStore.getState().applySnapshot([makeGrid()]);
  });

  it('shows the open alerts compactly and flies the map to a grid on click', () => {
    render(<CoverageAlertBadge />);
    expect(screen.queryByTestId('coverage-alert-badge')).toBeNull();
    act(() => useCoverageStore.getState().raiseAlert(makeCoverageAlert({ share: 0.42 })));
    const badge = screen.getByTestId('coverage-alert-badge');
    expect(badge.textContent).toContain('覆盖不足 1');
    expect(badge.textContent).toContain('一网格 42%');
    fireEvent.click(screen.getByText('一网格'));
    expect(useUiStore.getState().flyTo).toMatchObject({ lngLat: [116.405, 39.905], zoom: 14 });
  });

  it('stays out of the header for roles that may not read coverage', () => {
    signIn('unit');
    useCoverageStore.getState().raiseAlert(makeCoverageAlert());
    render(<CoverageAlertBadge />);
    expect(screen.queryByTestId('coverage-alert-badge')).toBeNull();
  });
});
