import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useIncidentsStore } from '../../stores/incidents-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { T0, iso, makeIncident } from '../../test/fixtures.js';
import { resetStores } from '../../test/reset-stores.js';
import { IncidentQueue } from './IncidentQueue.js';

const numbers = () => screen.getAllByTestId('incident-row').map((row) => row.dataset.number);

describe('IncidentQueue', () => {
  beforeEach(() => resetStores(T0));

  it('lists open incidents by priority then age, and follows store updates', () => {
    useIncidentsStore
      .getState()
      .applySnapshot([
        makeIncident({ id: 'a', number: 'A', priority: 3, receivedAt: iso(T0) }),
        makeIncident({ id: 'b', number: 'B', priority: 2, receivedAt: iso(T0 + 5000) }),
        makeIncident({ id: 'c', number: 'C', priority: 2, receivedAt: iso(T0 + 1000) }),
      ]);
    render(<IncidentQueue />);
    expect(numbers()).toEqual(['C', 'B', 'A']);

    act(() =>
      useIncidentsStore
        .getState()
        .upsertIncident(makeIncident({ id: 'd', number: 'D', priority: 1, receivedAt: iso(T0 + 9000) })),
    );
    expect(numbers()).toEqual(['D', 'C', 'B', 'A']);

    act(() =>
      useIncidentsStore
        .getState()
        .upsertIncident(makeIncident({ id: 'c', number: 'C', priority: 2, version: 2, status: 'closed' })),
    );
    expect(numbers()).toEqual(['D', 'B', 'A']);
  });

  it('selects an incident and asks the map to fly there', () => {
    useIncidentsStore
      .getState()
      .applySnapshot([makeIncident({ id: 'a', number: 'A', lngLat: [116.5, 39.8] })]);
    render(<IncidentQueue />);
    fireEvent.click(screen.getByTestId('incident-row'));
    expect(useUiStore.getState().selectedIncidentId).toBe('a');
    expect(useUiStore.getState().flyTo?.lngLat).toEqual([116.5, 39.8]);
  });
});
