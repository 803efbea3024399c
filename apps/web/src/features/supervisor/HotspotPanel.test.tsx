import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useGridsStore } from '../../stores/grids-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { T0, iso, makeGrid } from '../../test/fixtures.js';
import { resetStores } from '../../test/reset-stores.js';
import { HotspotPanel } from './HotspotPanel.js';

const api = vi.hoisted(() => ({ hotspotsTop: vi.fn() }));
vi.mock('../../api/client.js', () => ({ api }));

describe('HotspotPanel', () => {
  beforeEach(() => {
    resetStores();
    vi.clearAllMocks();
    useGridsStore.getState().applySnapshot([makeGrid({ id: 'g1', code: 'G01', name: '一网格' })]);
    api.hotspotsTop.mockResolvedValue({
      computedAt: iso(T0),
      window: { from: iso(T0), to: iso(T0), days: 28, incidents: 30 },
      resolution: 9,
      grids: [
        {
          gridId: 'g1',
          gridName: '一网格',
          cells: [
            {
              cell: 'c1',
              lngLat: [116.41, 39.91],
              incidents: 12,
              demand: 30,
              expectedDemandPerWeek: 7.5,
              mainTypes: [
                { type: 'theft', count: 8 },
                { type: 'fight', count: 4 },
              ],
            },
            {
              cell: 'c2',
              lngLat: [116.42, 39.92],
              incidents: 3,
              demand: 3,
              expectedDemandPerWeek: 1,
              mainTypes: [],
            },
          ],
        },
      ],
    });
  });

  it('asks for a grid first', () => {
    render(<HotspotPanel gridId={null} />);
    expect(screen.getByText('在左侧选择网格，查看其热点')).toBeTruthy();
    expect(api.hotspotsTop).not.toHaveBeenCalled();
  });

  it('lists the grid’s top cells with counts and main types in Chinese; a click flies there', async () => {
    render(<HotspotPanel gridId="g1" />);
    await waitFor(() => expect(screen.getAllByTestId('hotspot-row')).toHaveLength(2));
    expect(api.hotspotsTop).toHaveBeenCalledWith({ gridId: 'g1', limit: 5 });
    expect(screen.getAllByTestId('hotspot-count').map((e) => e.textContent)).toEqual(['12 起', '3 起']);
    expect(screen.getAllByTestId('hotspot-types')[0]?.textContent).toBe('盗窃 8 · 打架斗殴 4');
    fireEvent.click(screen.getAllByTestId('hotspot-row')[0]!);
    expect(useUiStore.getState().flyTo).toMatchObject({ lngLat: [116.41, 39.91], zoom: 16 });
  });
});
