import type { CheckpointDto, CheckpointPlanDto, CheckpointsBody } from '@dispatch/contracts';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/api-error.js';
import { checkpointFeatures } from '../../../map/checkpoint-layer.js';
import { useCheckpointLayerStore } from '../../../map/checkpoint-layer-store.js';
import { useIncidentsStore } from '../../../stores/incidents-store.js';
import { useSessionStore } from '../../../stores/session-store.js';
import { useUiStore } from '../../../stores/ui-store.js';
import { makeAssignment, makeIncident } from '../../../test/fixtures.js';
import { resetStores } from '../../../test/reset-stores.js';
import { IncidentActions } from '../IncidentActions.js';

const api = vi.hoisted(() => ({
  checkpointPreview: vi.fn(),
  dispatchCheckpoints: vi.fn(),
  dispatch: vi.fn(),
}));
vi.mock('../../../api/client.js', () => ({ api }));

const checkpoint = (id: string, overrides: Partial<CheckpointDto> = {}): CheckpointDto => ({
  id,
  lngLat: [116.41, 39.91],
  roadName: '解放路',
  highway: 'primary',
  headingDeg: 90,
  suspectEtaSeconds: 240,
  unit: {
    unitId: `u-${id}`,
    callSign: `巡逻${id}`,
    kind: 'patrol_car',
    etaSeconds: 150,
    distanceMeters: 1800,
    method: 'road',
    marginSeconds: 90,
  },
  uncoveredReason: null,
  assignmentId: null,
  ...overrides,
});

const plan = (
  checkpoints: CheckpointDto[],
  overrides: Partial<CheckpointPlanDto> = {},
): CheckpointPlanDto => ({
  incidentId: 'i1',
  origin: [116.4, 39.9],
  escapeMinutes: 4,
  elapsedSeconds: 0,
  maxCheckpoints: 6,
  exitCount: 9,
  checkpoints,
  ...overrides,
});

describe('checkpoints (设卡堵截) in the incident actions', () => {
  beforeEach(() => {
    resetStores();
    vi.clearAllMocks();
    useCheckpointLayerStore.getState().clear();
    useSessionStore.setState({
      token: 't',
      status: 'authenticated',
      user: { id: 'x', username: 'dispatcher', displayName: '调度员', role: 'dispatcher', unitId: null },
    });
  });

  const open = () => {
    const incident = makeIncident({ id: 'i1', type: 'robbery', status: 'dispatched' });
    useIncidentsStore.getState().upsertIncident(incident);
    const view = render(<IncidentActions incident={incident} />);
    fireEvent.click(screen.getByTestId('action-checkpoints'));
    return view;
  };

  it('previews with the chosen escape time, lists the checkpoints and draws them on the map', async () => {
    api.checkpointPreview.mockResolvedValue(
      plan([
        checkpoint('a'),
        checkpoint('b', { roadName: null, unit: null, uncoveredReason: 'NO_REACHABLE_UNIT' }),
      ]),
    );
    open();
    expect(screen.getByText('设卡堵截', { selector: 'button' })).toBeTruthy();
    // The robbery default (4 min), then the dispatcher widens it to 6.
    const minutes = screen.getByTestId('checkpoint-escape-minutes') as HTMLInputElement;
    expect(minutes.value).toBe('4');
    fireEvent.change(minutes, { target: { value: '6' } });
    fireEvent.click(screen.getByTestId('checkpoint-preview'));

    await waitFor(() => expect(screen.getAllByTestId('checkpoint-row')).toHaveLength(2));
    expect(api.checkpointPreview).toHaveBeenCalledWith('i1', { escapeMinutes: 6, maxCheckpoints: 6 });
    const [held, unheld] = screen.getAllByTestId('checkpoint-row') as [HTMLElement, HTMLElement];
    expect(held.textContent).toContain('解放路');
    expect(held.textContent).toContain('巡逻a');
    expect(held.textContent).toContain('2:30'); // unit ETA
    expect(held.textContent).toContain('+1:30'); // margin before the suspect
    expect(unheld.textContent).toContain('无名道路');
    expect(unheld.textContent).toContain('无警力能先于嫌疑人到达');
    expect(screen.getByTestId('checkpoint-summary').textContent).toContain('9 个出口，1 个');

    // The map layer holds the preview: one point per checkpoint plus the escape lines.
    const layer = useCheckpointLayerStore.getState();
    expect(layer.incidentId).toBe('i1');
    const features = checkpointFeatures(layer.origin, layer.checkpoints).features;
    expect(features.filter((f) => f.geometry.type === 'Point')).toHaveLength(2);
    expect(
      features.find((f) => f.properties?.id === 'b' && f.geometry.type === 'Point')?.properties,
    ).toMatchObject({
      held: false,
      sent: false,
    });
    expect(useUiStore.getState().flyTo?.lngLat).toEqual([116.4, 39.9]);
    // Zoomed so that the ring (about 1.4 km here) fits the map.
    expect(useUiStore.getState().flyTo?.zoom).toBeGreaterThan(12.5);
    expect(useUiStore.getState().flyTo?.zoom).toBeLessThan(14);
  });

  it('confirms with the previewed units and keeps the sent ring on the map', async () => {
    api.checkpointPreview.mockResolvedValue(plan([checkpoint('a'), checkpoint('c')]));
    api.dispatchCheckpoints.mockImplementation(async (_id: string, body: CheckpointsBody) => ({
      incident: makeIncident({ id: 'i1', status: 'dispatched', version: 3 }),
      assignments: body.expectUnitIds!.map((u, i) =>
        makeAssignment({ id: `as${i}`, incidentId: 'i1', unitId: u, role: 'checkpoint' }),
      ),
      plan: plan([checkpoint('a', { assignmentId: 'as0' }), checkpoint('c', { assignmentId: 'as1' })]),
    }));
    open();
    expect((screen.getByTestId('checkpoint-confirm') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('checkpoint-preview'));
    await waitFor(() => expect(screen.getAllByTestId('checkpoint-row')).toHaveLength(2));
    fireEvent.click(screen.getByTestId('checkpoint-confirm'));

    await waitFor(() => expect(screen.queryByTestId('checkpoint-panel')).toBeNull());
    expect(api.dispatchCheckpoints).toHaveBeenCalledWith('i1', {
      escapeMinutes: 4,
      maxCheckpoints: 6,
      expectUnitIds: ['u-a', 'u-c'],
    });
    expect(useIncidentsStore.getState().byId.i1?.version).toBe(3);
    const layer = useCheckpointLayerStore.getState();
    expect(layer.checkpoints.map((c) => c.assignmentId)).toEqual(['as0', 'as1']);
    expect(useUiStore.getState().notices.at(-1)).toMatchObject({
      level: 'info',
      key: 'checkpoints.dispatched',
      params: { count: 2 },
    });
  });

  it('re-previews when the plan changed under the dispatcher (409 CONFLICT)', async () => {
    api.checkpointPreview
      .mockResolvedValueOnce(plan([checkpoint('a')]))
      .mockResolvedValueOnce(plan([checkpoint('d')]));
    api.dispatchCheckpoints.mockRejectedValue(new ApiError(409, 'CONFLICT', 'plan changed'));
    open();
    fireEvent.click(screen.getByTestId('checkpoint-preview'));
    await waitFor(() => expect(screen.getAllByTestId('checkpoint-row')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('checkpoint-confirm'));
    await waitFor(() =>
      expect(screen.getByTestId('checkpoint-row').getAttribute('data-checkpoint-id')).toBe('d'),
    );
    expect(api.checkpointPreview).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('checkpoint-panel')).toBeTruthy();
    expect(useUiStore.getState().notices.at(-1)?.key).toBe('checkpoints.planChanged');
  });

  it('blocks an escape time outside 1-15 minutes and shows server errors', async () => {
    api.checkpointPreview.mockRejectedValue(new ApiError(422, 'NO_ROAD_NETWORK', 'no roads'));
    open();
    const minutes = screen.getByTestId('checkpoint-escape-minutes');
    fireEvent.change(minutes, { target: { value: '20' } });
    expect((screen.getByTestId('checkpoint-preview') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(minutes, { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('checkpoint-preview'));
    await waitFor(() => expect(useUiStore.getState().notices.at(-1)?.key).toBe('errors.NO_ROAD_NETWORK'));
    expect(screen.queryAllByTestId('checkpoint-row')).toHaveLength(0);
  });

  it('clears an unsent preview from the map when the panel closes', async () => {
    api.checkpointPreview.mockResolvedValue(plan([checkpoint('a')]));
    const view = open();
    fireEvent.click(screen.getByTestId('checkpoint-preview'));
    await waitFor(() => expect(useCheckpointLayerStore.getState().checkpoints).toHaveLength(1));
    fireEvent.click(screen.getByTestId('action-checkpoints'));
    expect(useCheckpointLayerStore.getState().checkpoints).toHaveLength(0);
    view.unmount();
  });
});
