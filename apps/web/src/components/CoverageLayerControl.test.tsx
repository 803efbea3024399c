import type { Role } from '@dispatch/domain';
import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useMapLayersStore } from '../map/map-layers-store.js';
import { useSessionStore } from '../stores/session-store.js';
import { resetStores } from '../test/reset-stores.js';
import { CoverageLayerControl } from './CoverageLayerControl.js';

function signIn(role: Role) {
  useSessionStore.setState({
    token: 't',
    status: 'authenticated',
    user: { id: 'x', username: role, displayName: role, role, unitId: role === 'unit' ? 'u1' : null },
  });
}

describe('CoverageLayerControl', () => {
  beforeEach(() => resetStores());

  it('toggles the coverage layer and shows its legend while on', () => {
    signIn('dispatcher');
    render(<CoverageLayerControl toggle />);
    expect(screen.queryByTestId('coverage-legend')).toBeNull();
    fireEvent.click(screen.getByTestId('coverage-layer-toggle'));
    expect(useMapLayersStore.getState().coverage).toBe(true);
    expect(screen.getByTestId('coverage-legend').textContent).toBe('覆盖充分覆盖薄弱覆盖不足');
  });

  it('shows only the legend on the wall, and nothing on the unit terminal', () => {
    signIn('dispatcher');
    useMapLayersStore.setState({ coverage: true });
    const { unmount } = render(<CoverageLayerControl toggle={false} />);
    expect(screen.queryByTestId('coverage-layer-toggle')).toBeNull();
    expect(screen.getByTestId('coverage-legend')).toBeTruthy();
    unmount();
    signIn('unit');
    render(<CoverageLayerControl toggle />);
    expect(screen.queryByTestId('coverage-layer-control')).toBeNull();
  });
});
