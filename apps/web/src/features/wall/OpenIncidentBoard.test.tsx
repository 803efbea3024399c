import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useClockStore } from '../../stores/clock-store.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';
import { T0, iso, makeIncident } from '../../test/fixtures.js';
import { resetStores } from '../../test/reset-stores.js';
import { OpenIncidentBoard } from './OpenIncidentBoard.js';

const rows = () =>
  screen.getAllByTestId('wall-board-row').map((row) => `${row.dataset.number}:${row.dataset.warning}`);

describe('OpenIncidentBoard', () => {
  beforeEach(() => resetStores(T0));

  it('shows every open incident with three clocks and puts a breach first, in red', () => {
    useIncidentsStore.getState().applySnapshot([
      // Priority 1, 30 s old, not dispatched yet: dispatch clock running, still green.
      makeIncident({ id: 'a', number: 'A', priority: 1, receivedAt: iso(T0 - 30_000) }),
      // Priority 3, 70 s old and never dispatched: the 1-minute clock has run out.
      makeIncident({ id: 'b', number: 'B', priority: 3, receivedAt: iso(T0 - 70_000) }),
      makeIncident({ id: 'c', number: 'C', priority: 2, status: 'closed', receivedAt: iso(T0 - 10_000) }),
    ]);
    render(<OpenIncidentBoard />);
    expect(rows()).toEqual(['B:red', 'A:ok']);
    const breached = screen.getAllByTestId('wall-board-row')[0] as HTMLElement;
    expect(breached.querySelector('[data-testid="clock-dispatch"]')?.getAttribute('data-state')).toBe(
      'breached',
    );
    expect(breached.querySelectorAll('.clock')).toHaveLength(3);
  });

  it('turns a row red when its clock runs out as time passes', () => {
    useIncidentsStore
      .getState()
      .applySnapshot([makeIncident({ id: 'a', number: 'A', priority: 2, receivedAt: iso(T0 - 50_000) })]);
    render(<OpenIncidentBoard />);
    expect(rows()).toEqual(['A:amber']);
    act(() => useClockStore.setState({ now: T0 + 11_000 }));
    expect(rows()).toEqual(['A:red']);
  });
});
