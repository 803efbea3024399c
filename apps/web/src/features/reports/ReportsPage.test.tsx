import type { ResponseTimeReport, SegmentStats } from '@dispatch/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '../../stores/session-store.js';
import { resetStores } from '../../test/reset-stores.js';
import { ReportsPage, toQuery } from './ReportsPage.js';
import { RequireReportAccess } from './RequireReportAccess.js';

const api = vi.hoisted(() => ({
  responseTimeReport: vi.fn(),
  reportShifts: vi.fn(),
  getIncident: vi.fn(),
}));
vi.mock('../../api/client.js', () => ({ api }));
// jsdom has no canvas: stand in for the chart (TrendChart itself skips drawing without one).
vi.mock('./TrendChart.js', () => ({
  TrendChart: ({ title, testId }: { title: string; testId?: string }) => (
    <figure data-testid={testId}>{title}</figure>
  ),
}));

const seg = (median: number | null): SegmentStats => ({ n: 10, median, p90: median, mean: median });
const shares = (share: number | null) => ({
  dispatch: { targetSeconds: 60, met: 9, missed: 1, share },
  firstArrival: { targetSeconds: 180, met: 6, missed: 4, share: 0.6 },
  reinforcement: { targetSeconds: 300, met: 0, missed: 0, share: null },
});
const counts = {
  incidents: 12,
  cancelled: 1,
  neverDispatched: 1,
  dispatched: 11,
  reachedScene: 10,
  multiUnit: 2,
  resolvedOnScene: 7,
  transferredToCase: 3,
  open: 0,
};
const segments = {
  callToDispatch: seg(42),
  dispatchToEnRoute: seg(20),
  enRouteToOnScene: seg(150),
  callToOnScene: seg(212),
  onSceneToClear: seg(null),
};
const trend = {
  incidents: 3,
  callToDispatchMedian: 40,
  callToOnSceneMedian: 200,
  callToOnSceneP90: 300,
  dispatchShare: 1,
  firstArrivalShare: 0.5,
};
const report: ResponseTimeReport = {
  asOf: '2026-03-08T00:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  filters: { gridId: null, type: null, priority: null, shift: null, unitId: null },
  current: {
    from: '2026-02-28T16:00:00.000Z',
    to: '2026-03-07T16:00:00.000Z',
    counts,
    segments,
    shares: shares(0.9),
  },
  previous: {
    from: '2026-02-21T16:00:00.000Z',
    to: '2026-02-28T16:00:00.000Z',
    counts: { ...counts, incidents: 10 },
    segments,
    shares: shares(0.8),
  },
  deltas: {
    incidents: 2,
    segments: {
      callToDispatch: { median: 0, p90: 0, mean: 0 },
      dispatchToEnRoute: { median: 0, p90: 0, mean: 0 },
      enRouteToOnScene: { median: 0, p90: 0, mean: 0 },
      callToOnScene: { median: -30, p90: 0, mean: 0 },
      onSceneToClear: { median: null, p90: null, mean: null },
    },
    shares: { dispatch: 0.1, firstArrival: 0, reinforcement: null },
  },
  resolutionByType: [
    { type: 'theft', incidents: 12, resolvedOnScene: 7, transferredToCase: 3, cancelled: 1, rate: 0.7 },
  ],
  byDay: [{ day: '2026-03-01', ...trend }],
  byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, ...trend })),
  slowest: [
    {
      id: 'inc-1',
      number: '110-20260301-0007',
      type: 'theft',
      priority: 2,
      gridId: 'g1',
      status: 'closed',
      receivedAt: '2026-03-01T02:03:04.000Z',
      callToDispatch: 61,
      callToOnScene: 725,
      onSceneToClear: null,
    },
  ],
};

describe('ReportsPage', () => {
  beforeEach(() => {
    resetStores();
    vi.clearAllMocks();
    useSessionStore.setState({
      token: 't',
      status: 'authenticated',
      user: { id: 'l', username: 'leader', displayName: '值班长', role: 'shift_leader', unitId: null },
    });
    api.responseTimeReport.mockResolvedValue(report);
    api.reportShifts.mockResolvedValue([
      { id: 'day', name: '白班', start: '08:00', end: '20:00' },
      { id: 'night', name: '夜班', start: '20:00', end: '08:00' },
    ]);
    api.getIncident.mockResolvedValue({
      id: 'inc-1',
      timeline: [
        {
          id: '1',
          at: '2026-03-01T02:03:04.000Z',
          actorId: null,
          actorName: '接警员',
          action: 'incident.create',
          entityType: 'incident',
          entityId: 'inc-1',
          before: null,
          after: null,
        },
      ],
    });
  });

  it('shows the figures, segments, shares and slowest incidents of the report', async () => {
    render(<ReportsPage />);
    expect((await screen.findByTestId('card-incidents')).textContent).toContain('12');
    expect(screen.getByTestId('card-share-dispatch')?.textContent).toContain('90.0%');
    const segmentsTable = screen.getByTestId('segments-table');
    const row = within(segmentsTable).getByText('接警→到场').closest('tr')!;
    expect(row?.textContent).toContain('3:32'); // 212 s median
    expect(row?.textContent).toContain('-0:30'); // vs previous
    const reinforcement = within(screen.getByTestId('shares-table'))
      .getByText(/5分钟增援到位/)
      .closest('tr');
    expect(reinforcement?.textContent).toContain('—');
    expect(screen.getByTestId('resolution-table')?.textContent).toContain('70.0%');
    expect(screen.getByTestId('chart-by-day')).toBeTruthy();
    // Received time shown in the centre's time zone (UTC+8).
    expect(screen.getByTestId('slowest-inc-1')?.textContent).toContain('2026-03-01 10:03');
    expect(screen.getByTestId('slowest-inc-1')?.textContent).toContain('12:05');
  });

  it('opens the timeline of a slowest incident', async () => {
    render(<ReportsPage />);
    fireEvent.click(await screen.findByText('110-20260301-0007'));
    expect((await screen.findByTestId('incident-timeline')).textContent).toContain('接警员');
    expect(api.getIncident).toHaveBeenCalledWith('inc-1');
  });

  it('sends the filters as whole days of the centre time zone', async () => {
    render(<ReportsPage />);
    await screen.findByTestId('card-incidents');
    await waitFor(() => expect(screen.getByTestId('filter-shift')?.textContent).toContain('夜班'));
    fireEvent.change(screen.getByTestId('filter-from'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByTestId('filter-to'), { target: { value: '2026-03-07' } });
    fireEvent.change(screen.getByTestId('filter-shift'), { target: { value: 'night' } });
    fireEvent.change(screen.getByTestId('filter-priority'), { target: { value: '1' } });
    fireEvent.click(screen.getByTestId('report-run'));
    await waitFor(() => expect(api.responseTimeReport).toHaveBeenCalledTimes(2));
    expect(api.responseTimeReport).toHaveBeenLastCalledWith({
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-07T16:00:00.000Z',
      shift: 'night',
      priority: 1,
      limit: 20,
    });
  });

  it('keeps roles without report.read out', () => {
    useSessionStore.setState({
      user: { id: 'd', username: 'd', displayName: 'd', role: 'dispatcher', unitId: null },
    });
    render(
      <MemoryRouter>
        <RequireReportAccess>
          <ReportsPage />
        </RequireReportAccess>
      </MemoryRouter>,
    );
    expect(screen.queryByTestId('reports-page')).toBeNull();
  });

  it('converts local days across a DST change', () => {
    const q = toQuery(
      {
        fromDay: '2026-03-28',
        toDay: '2026-03-29',
        gridId: '',
        type: '',
        priority: '',
        shift: '',
        unitId: '',
      },
      'Europe/Berlin',
    );
    expect(q).toEqual({ from: '2026-03-27T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
  });
});
