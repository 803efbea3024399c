import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useMapLayersStore } from '../map/map-layers-store.js';
import { useClockStore } from '../stores/clock-store.js';
import { useHotspotStore } from '../stores/hotspot-store.js';
import { useSessionStore } from '../stores/session-store.js';
import { makeHotspotMap, makeHourPeriod } from '../test/cover-fixtures.js';
import { resetStores } from '../test/reset-stores.js';
import { CoverageLayerControl } from './CoverageLayerControl.js';

const api = vi.hoisted(() => ({ hotspots: vi.fn() }));
vi.mock('../api/client.js', () => ({ api }));

describe('heat-map layer control with its time slider', () => {
  beforeEach(() => {
    resetStores();
    vi.clearAllMocks();
    useSessionStore.setState({
      token: 't',
      status: 'authenticated',
      user: { id: 's', username: 'supervisor', displayName: '督察', role: 'supervisor', unitId: null },
    });
    // Monday 2026-12-07 09:30 in Shanghai: hour of week 9.
    useClockStore.setState({ now: Date.UTC(2026, 11, 7, 1, 30), timeZone: 'Asia/Shanghai' });
    api.hotspots.mockImplementation(async (query: { hourOfWeek?: number }) =>
      makeHotspotMap([3, 1], makeHourPeriod(query.hourOfWeek ?? 9)),
    );
  });

  it('loads nothing while off; on, shows the period now and loads its heat map', async () => {
    render(<CoverageLayerControl toggle />);
    expect(api.hotspots).not.toHaveBeenCalled();
    expect(screen.queryByTestId('hotspot-legend')).toBeNull();
    fireEvent.click(screen.getByTestId('hotspot-layer-toggle'));
    expect(useMapLayersStore.getState().hotspots).toBe(true);
    await waitFor(() => expect(api.hotspots).toHaveBeenCalledWith({ when: 'now' }));
    await waitFor(() => expect(useHotspotStore.getState().map?.cells.features).toHaveLength(2));
    expect(screen.getByTestId('hotspot-period-label').textContent).toBe('周一 09时');
    expect(screen.getByTestId('hotspot-expected').textContent).toBe('本时段预计 4 起');
    expect(screen.getByTestId('hotspot-period-now').getAttribute('aria-pressed')).toBe('true');
  });

  it('slides over the hours of the week (周一 00时 ... 周日 23时) and asks for the next shift', async () => {
    useMapLayersStore.setState({ hotspots: true });
    render(<CoverageLayerControl toggle />);
    const slider = screen.getByTestId('hotspot-period-hour');
    fireEvent.change(slider, { target: { value: '0' } });
    expect(screen.getByTestId('hotspot-period-label').textContent).toBe('周一 00时');
    await waitFor(() => expect(api.hotspots).toHaveBeenLastCalledWith({ hourOfWeek: 0 }));
    fireEvent.change(slider, { target: { value: '167' } });
    expect(screen.getByTestId('hotspot-period-label').textContent).toBe('周日 23时');
    await waitFor(() => expect(useHotspotStore.getState().map?.period.hours[0]?.hourOfWeek).toBe(167));
    fireEvent.click(screen.getByTestId('hotspot-period-next-shift'));
    await waitFor(() => expect(api.hotspots).toHaveBeenLastCalledWith({ when: 'next-shift' }));
  });

  it('drops a heat map that arrives after another period was chosen', async () => {
    let late: (v: unknown) => void = () => undefined;
    api.hotspots.mockImplementationOnce(() => new Promise((resolve) => (late = resolve)));
    useMapLayersStore.setState({ hotspots: true });
    render(<CoverageLayerControl toggle />);
    fireEvent.change(screen.getByTestId('hotspot-period-hour'), { target: { value: '40' } });
    await waitFor(() => expect(useHotspotStore.getState().map?.period.hours[0]?.hourOfWeek).toBe(40));
    await act(async () => late(makeHotspotMap([9], makeHourPeriod(9))));
    expect(useHotspotStore.getState().map?.period.hours[0]?.hourOfWeek).toBe(40);
  });

  it('shows no heat control on the wall (no toggle) or for a unit', () => {
    const { unmount } = render(<CoverageLayerControl toggle={false} />);
    expect(screen.queryByTestId('hotspot-layer-toggle')).toBeNull();
    unmount();
    useSessionStore.setState({
      user: { id: 'u', username: 'unit001', displayName: 'u', role: 'unit', unitId: 'u1' },
    });
    render(<CoverageLayerControl toggle />);
    expect(screen.queryByTestId('hotspot-layer-toggle')).toBeNull();
  });
});
