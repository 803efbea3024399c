import type { StandbyOrderDto } from '@dispatch/contracts';
import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventHandlers } from '../../realtime/apply-events.js';
import { useUiStore } from '../../stores/ui-store.js';
import { iso, T0 } from '../../test/fixtures.js';
import { resetStores } from '../../test/reset-stores.js';
import { StandbyCard } from './StandbyCard.js';

const api = vi.hoisted(() => ({ unitStandby: vi.fn(), standbyRoute: vi.fn() }));
vi.mock('../../api/client.js', () => ({ api }));

const order: StandbyOrderDto = {
  id: 'o1',
  unitId: 'u1',
  lngLat: [116.41, 39.91],
  reason: 'standby',
  note: '夜市东口',
  gain: 0.12,
  createdAt: iso(T0),
  createdById: 'sup',
  status: 'active',
  endReason: null,
  endedAt: null,
};

describe('StandbyCard (unit terminal)', () => {
  beforeEach(() => {
    resetStores();
    vi.clearAllMocks();
    api.unitStandby.mockResolvedValue({ order: null });
    api.standbyRoute.mockResolvedValue({
      unitId: 'u1',
      coordinates: [
        [116.4, 39.9],
        [116.41, 39.91],
      ],
      etaSeconds: 150,
      distanceMeters: 1200,
      method: 'road',
    });
  });

  it('shows a standby order as it arrives, with its route on the map, and hides it when it ends', async () => {
    render(<StandbyCard unitId="u1" />);
    expect(screen.queryByTestId('terminal-standby')).toBeNull();
    await act(async () => eventHandlers['standby:updated']({ unitId: 'u1', order, ended: null }));
    expect(screen.getByTestId('standby-note').textContent).toBe('夜市东口');
    await screen.findByText(/3 分钟|3 min/);
    expect(Object.keys(useUiStore.getState().routes)).toEqual(['standby:o1']);
    await act(async () => eventHandlers['standby:updated']({ unitId: 'u1', order: null, ended: order }));
    expect(screen.queryByTestId('terminal-standby')).toBeNull();
  });

  it('asks for its order when the terminal opens after the order was given', async () => {
    api.unitStandby.mockResolvedValue({ order });
    render(<StandbyCard unitId="u1" />);
    expect(await screen.findByTestId('terminal-standby')).toBeTruthy();
    expect(api.unitStandby).toHaveBeenCalledWith('u1');
  });
});
