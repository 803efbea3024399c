import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useIncidentsStore } from '../../stores/incidents-store.js';
import { makeAssignment, makeIncident } from '../../test/fixtures.js';
import { resetStores } from '../../test/reset-stores.js';
import { AssignmentCard } from './AssignmentCard.js';

const api = vi.hoisted(() => ({
  assignmentAction: vi.fn(),
  assignmentRoute: vi.fn(),
  reverseGeocode: vi.fn(),
}));
vi.mock('../../api/client.js', () => ({ api }));

describe('AssignmentCard (unit terminal)', () => {
  beforeEach(() => {
    resetStores();
    vi.clearAllMocks();
    api.assignmentRoute.mockResolvedValue({
      unitId: 'u1',
      coordinates: [
        [116.41, 39.91],
        [116.4, 39.9],
      ],
      etaSeconds: 200,
      distanceMeters: 1500,
      method: 'road',
    });
    api.reverseGeocode.mockResolvedValue({
      road: null,
      near: null,
      address: null,
      text: { zh: '解放路, 近城站 (50 米)', en: 'Jiefang Rd, near the station (50 m)' },
    });
  });

  it('offers the next step for each assignment state and sends it', async () => {
    const assignment = makeAssignment({ status: 'assigned' });
    const incident = makeIncident({ assignments: [assignment] });
    useIncidentsStore.getState().upsertIncident(incident);
    api.assignmentAction.mockResolvedValue(makeAssignment({ status: 'en_route', version: 2 }));

    const { rerender } = render(<AssignmentCard active={{ incident, assignment }} />);
    expect(await screen.findByTestId('terminal-eta')).toHaveProperty(
      'textContent',
      expect.stringContaining('4'),
    );
    expect(screen.getByTestId('terminal-accept')).toBeTruthy();
    // Where the job is, named from the map (the incident has an address too).
    expect(api.reverseGeocode).toHaveBeenCalledWith(incident.lngLat);
    expect((await screen.findByTestId('terminal-incident-place')).textContent).toMatch(
      /near the station|近城站/,
    );
    await act(async () => fireEvent.click(screen.getByTestId('terminal-en-route')));
    expect(api.assignmentAction).toHaveBeenCalledWith('a1', { action: 'en_route' });
    expect(useIncidentsStore.getState().byId.i1?.assignments[0]?.status).toBe('en_route');

    const onScene = makeAssignment({ status: 'on_scene', version: 3 });
    rerender(<AssignmentCard active={{ incident, assignment: onScene }} />);
    expect(screen.queryByTestId('terminal-en-route')).toBeNull();
    fireEvent.change(screen.getByTestId('terminal-resolution'), { target: { value: 'transferred_to_case' } });
    api.assignmentAction.mockResolvedValue(makeAssignment({ status: 'cleared', version: 4 }));
    await act(async () => fireEvent.click(screen.getByTestId('terminal-clear')));
    expect(api.assignmentAction).toHaveBeenLastCalledWith('a1', {
      action: 'clear',
      resolution: 'transferred_to_case',
    });
  });

  it("a checkpoint unit's card names its road block first, the scene below", async () => {
    const assignment = makeAssignment({
      role: 'checkpoint',
      status: 'accepted',
      checkpoint: { lngLat: [116.45, 39.95], roadName: '北环路', headingDeg: 90 },
    });
    const incident = makeIncident({ assignments: [assignment] });
    render(<AssignmentCard active={{ incident, assignment }} />);
    expect(screen.getByTestId('terminal-checkpoint').textContent).toBe('卡点：北环路');
    expect(screen.getByTestId('terminal-address').className).toBe('muted');
  });
});
