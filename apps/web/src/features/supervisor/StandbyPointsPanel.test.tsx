import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventHandlers } from '../../realtime/apply-events.js';
import { useGridsStore } from '../../stores/grids-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { useStandbyPointsStore } from '../../stores/standby-points-store.js';
import { makeRecommendation, makeStandbyOrder, makeStandbyPlan } from '../../test/cover-fixtures.js';
import { makeGrid } from '../../test/fixtures.js';
import { resetStores } from '../../test/reset-stores.js';
import { StandbyPointsPanel } from './StandbyPointsPanel.js';

const api = vi.hoisted(() => ({ standbyRecommendations: vi.fn(), orderStandby: vi.fn() }));
vi.mock('../../api/client.js', () => ({ api }));

const u1 = makeRecommendation({
  unitId: 'u1',
  callSign: '巡01',
  point: { lngLat: [116.41, 39.91], gridId: 'g1' },
});
const u2 = makeRecommendation({
  unitId: 'u2',
  callSign: '巡02',
  homeGridId: 'g1',
  point: { lngLat: [116.42, 39.92], gridId: 'g1' },
  expectedGain5: 0.02,
});
const u3 = makeRecommendation({
  unitId: 'u3',
  callSign: '巡03',
  homeGridId: 'g2',
  point: { lngLat: [116.5, 39.8], gridId: 'g2' },
});

const rowOf = (unitId: string) =>
  screen.getAllByTestId('standby-point-row').find((r) => r.dataset.unitId === unitId) as HTMLElement;
const groupOf = (gridId: string) =>
  screen.getAllByTestId('standby-group').find((g) => g.dataset.gridId === gridId) as HTMLElement;

describe('StandbyPointsPanel', () => {
  beforeEach(() => {
    resetStores();
    vi.clearAllMocks();
    useSessionStore.setState({
      token: 't',
      status: 'authenticated',
      user: { id: 's', username: 'supervisor', displayName: '督察', role: 'supervisor', unitId: null },
    });
    useGridsStore
      .getState()
      .applySnapshot([
        makeGrid({ id: 'g1', code: 'G01', name: '一网格' }),
        makeGrid({ id: 'g2', code: 'G02', name: '二网格' }),
      ]);
    api.standbyRecommendations.mockResolvedValue(makeStandbyPlan([u1, u3, u2]));
    api.orderStandby.mockImplementation(async (unitId: string, body: { lngLat: [number, number] }) =>
      makeStandbyOrder({ id: `o-${unitId}`, unitId, lngLat: body.lngLat }),
    );
  });

  it('lists the points per grid with the drive and the gain, city and grid coverage before and after', async () => {
    render(<StandbyPointsPanel gridId={null} />);
    await waitFor(() => expect(screen.getAllByTestId('standby-group')).toHaveLength(2));
    expect(api.standbyRecommendations).toHaveBeenCalledWith({ hour: 'now' });
    expect(screen.getByTestId('standby-city').textContent).toBe(
      '全市 3分钟 60% → 80% · 5分钟 90% → 99% · 按热点预测',
    );
    const g1 = groupOf('g1');
    expect(within(g1).getByText('一网格')).toBeTruthy();
    expect(within(g1).getByText('3分钟 40% → 90% · 5分钟 80% → 100%')).toBeTruthy();
    expect(
      within(g1)
        .getAllByTestId('standby-point-row')
        .map((r) => r.dataset.unitId),
    ).toEqual(['u1', 'u2']);
    expect(rowOf('u1').textContent).toContain('约 4 分钟');
    expect(rowOf('u1').textContent).toContain('+5.0% / +3.1%');
    expect(screen.getByText('1 个单元原地不动（岗亭、步巡、无人机）')).toBeTruthy();
  });

  it('sends one unit to its point in one click; the announced order marks the point ordered', async () => {
    render(<StandbyPointsPanel gridId={null} />);
    await waitFor(() => expect(rowOf('u1')).toBeTruthy());
    fireEvent.click(within(rowOf('u1')).getByTestId('standby-send'));
    await waitFor(() =>
      expect(api.orderStandby).toHaveBeenCalledWith('u1', {
        lngLat: [116.41, 39.91],
        note: '推荐待命点（一网格）',
        gain: 0.031,
      }),
    );
    expect(api.orderStandby).toHaveBeenCalledTimes(1);
    expect(rowOf('u1').dataset.ordered).toBe('false');
    // The server's standby:updated reaches every staff screen: that marks it.
    act(() =>
      eventHandlers['standby:updated']({
        unitId: 'u1',
        order: makeStandbyOrder({ unitId: 'u1', lngLat: [116.41, 39.91] }),
        ended: null,
      }),
    );
    expect(rowOf('u1').dataset.ordered).toBe('true');
    expect(within(rowOf('u1')).getByTestId('standby-ordered').textContent).toBe('已下达');
    expect(within(groupOf('g1')).getByTestId('standby-send-all').textContent).toBe('本网格全部派出（1）');
  });

  it('sends every open unit of a grid in one action, and keeps to the selected grid', async () => {
    act(() =>
      eventHandlers['standby:updated']({
        unitId: 'u1',
        order: makeStandbyOrder({ unitId: 'u1', lngLat: [116.41, 39.91] }),
        ended: null,
      }),
    );
    render(<StandbyPointsPanel gridId="g1" />);
    await waitFor(() => expect(screen.getAllByTestId('standby-group')).toHaveLength(1));
    expect(screen.getAllByTestId('standby-point-row').map((r) => r.dataset.unitId)).toEqual(['u1', 'u2']);
    const all = screen.getByTestId('standby-send-all');
    expect(all.textContent).toBe('本网格全部派出（1）');
    fireEvent.click(all);
    await waitFor(() => expect(api.orderStandby).toHaveBeenCalledTimes(1));
    expect(api.orderStandby).toHaveBeenCalledWith(
      'u2',
      expect.objectContaining({ lngLat: [116.42, 39.92], gain: 0.02 }),
    );
  });

  it('plans for the next shift or an hour of week, and drops an answer for a period no longer chosen', async () => {
    let answerNow: (v: unknown) => void = () => undefined;
    api.standbyRecommendations.mockImplementationOnce(() => new Promise((resolve) => (answerNow = resolve)));
    render(<StandbyPointsPanel gridId={null} />);
    fireEvent.click(screen.getByTestId('standby-period-next-shift'));
    await waitFor(() => expect(api.standbyRecommendations).toHaveBeenLastCalledWith({ hour: 'next-shift' }));
    fireEvent.change(screen.getByTestId('standby-period-hour'), { target: { value: '30' } });
    await waitFor(() => expect(api.standbyRecommendations).toHaveBeenLastCalledWith({ hour: '30' }));
    expect(screen.getByTestId('standby-period-label').textContent).toBe('周二 06时');
    await act(async () => answerNow(makeStandbyPlan([u3])));
    await waitFor(() => expect(useStandbyPointsStore.getState().plan?.units).toHaveLength(3));
    // Dragging the slider asks only for the hour it rests on.
    api.standbyRecommendations.mockClear();
    const slider = screen.getByTestId('standby-period-hour');
    for (const hour of ['40', '41', '42']) fireEvent.change(slider, { target: { value: hour } });
    await waitFor(() => expect(api.standbyRecommendations).toHaveBeenCalledWith({ hour: '42' }));
    expect(api.standbyRecommendations).toHaveBeenCalledTimes(1);
  });

  it('empties the points when it leaves (no other screen draws them)', async () => {
    const { unmount } = render(<StandbyPointsPanel gridId={null} />);
    await waitFor(() => expect(useStandbyPointsStore.getState().plan).not.toBeNull());
    unmount();
    expect(useStandbyPointsStore.getState().plan).toBeNull();
  });
});
