import { act, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { eventHandlers } from '../../realtime/apply-events.js';
import { useClockStore } from '../../stores/clock-store.js';
import { makeCoverage, makeCoverageAlert, makeGridCoverage } from '../../test/coverage-fixtures.js';
import { T0, iso } from '../../test/fixtures.js';
import { resetStores } from '../../test/reset-stores.js';
import { CoverageAlertBanner } from './CoverageAlertBanner.js';

const alertRows = () => screen.queryAllByTestId('coverage-alert');

describe('CoverageAlertBanner', () => {
  beforeEach(() => resetStores(T0 + 125_000));

  it('is absent while every grid is covered', () => {
    render(<CoverageAlertBanner />);
    expect(screen.queryByTestId('coverage-alerts')).toBeNull();
  });

  it('shows a raised alert with grid, share against threshold and since when, and goes on clear', () => {
    render(<CoverageAlertBanner />);
    const alert = makeCoverageAlert({ id: '7', gridName: '东湖网格', share: 0.42, threshold: 0.8 });
    act(() => eventHandlers['coverage:alert'](alert));
    const row = alertRows()[0] as HTMLElement;
    expect(within(row).getByText('东湖网格')).toBeTruthy();
    expect(within(row).getByText('5分钟覆盖 42% / 阈值 80%')).toBeTruthy();
    // Raised at T0, now T0 + 2:05.
    expect(row.querySelector('.coverage-alert-since')?.textContent).toMatch(/（2:05）$/);
    act(() => useClockStore.setState({ now: T0 + 185_000 }));
    expect(row.querySelector('.coverage-alert-since')?.textContent).toMatch(/（3:05）$/);

    act(() => eventHandlers['coverage:cleared']({ ...alert, clearedAt: iso(T0 + 190_000), clearShare: 0.9 }));
    expect(screen.queryByTestId('coverage-alerts')).toBeNull();
  });

  it('shows the share as it is now when coverage moved since the alert', () => {
    render(<CoverageAlertBanner />);
    act(() => {
      eventHandlers['coverage:alert'](makeCoverageAlert({ share: 0.42 }));
      eventHandlers['coverage:updated'](
        makeCoverage([makeGridCoverage({ level: 'uncovered', demandShare5: 0.3, alerted: true })]),
      );
    });
    expect(screen.getByText('5分钟覆盖 30% / 阈值 80%')).toBeTruthy();
  });

  it('lists the oldest alerts first and counts the ones that do not fit', () => {
    render(<CoverageAlertBanner />);
    act(() => {
      for (let i = 7; i >= 1; i--)
        eventHandlers['coverage:alert'](
          makeCoverageAlert({
            id: String(i),
            gridId: `g${i}`,
            gridName: `网格${i}`,
            raisedAt: iso(T0 + i * 1000),
          }),
        );
    });
    expect(screen.getByTestId('coverage-alerts').querySelector('h2')?.textContent).toBe('覆盖告警 7');
    expect(alertRows().map((r) => r.dataset.gridId)).toEqual(['g1', 'g2', 'g3', 'g4', 'g5']);
    expect(screen.getByText('另有 2 个网格')).toBeTruthy();
  });
});
