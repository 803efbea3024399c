import type { CreateIncidentBody, DispatchBody } from '@dispatch/contracts';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useIncidentsStore } from '../../stores/incidents-store.js';
import { useIntakeStore } from '../../stores/intake-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { T0, makeAssignment, makeIncident, makeRecommendations } from '../../test/fixtures.js';
import { resetStores } from '../../test/reset-stores.js';
import { DispatcherPage } from './DispatcherPage.js';

const api = vi.hoisted(() => ({
  recommendations: vi.fn(),
  createIncident: vi.fn(),
  dispatch: vi.fn(),
  getIncident: vi.fn(),
  assignmentRoute: vi.fn(),
  reverseGeocode: vi.fn(),
  geocodeSearch: vi.fn(),
  relatedCalls: vi.fn(),
  addCaller: vi.fn(),
}));
vi.mock('../../api/client.js', () => ({ api }));
// MapLibre needs WebGL; the page is tested without it.
vi.mock('../../components/SituationMapView.js', () => ({
  SituationMapView: () => <div data-testid="map-stub" />,
}));

const key = (target: Element, init: KeyboardEventInit & { key: string }) => fireEvent.keyDown(target, init);

describe('DispatcherPage call intake, keyboard only', () => {
  afterEach(() => vi.useRealTimers());
  beforeEach(() => {
    // Only Date is faked: the call's pick-up time is then exactly T0.
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    resetStores(T0);
    vi.clearAllMocks();
    useSessionStore.setState({
      token: 't',
      status: 'authenticated',
      user: { id: 'x', username: 'dispatcher', displayName: '调度员', role: 'dispatcher', unitId: null },
    });
    api.recommendations.mockResolvedValue(makeRecommendations());
    api.createIncident.mockImplementation(async (body: CreateIncidentBody) =>
      makeIncident({ id: 'new', number: '110-NEW', type: body.type, priority: body.priority }),
    );
    api.dispatch.mockImplementation(async (_id: string, body: DispatchBody) => ({
      incident: makeIncident({ id: 'new', number: '110-NEW', version: 2, status: 'dispatched' }),
      assignments:
        'unitIds' in body
          ? body.unitIds.map((u, i) => makeAssignment({ id: `a${i}`, incidentId: 'new', unitId: u }))
          : [],
    }));
    api.getIncident.mockImplementation(async () => ({
      ...makeIncident({ id: 'new', number: '110-NEW' }),
      timeline: [],
    }));
    api.assignmentRoute.mockRejectedValue(new Error('no route'));
    api.reverseGeocode.mockResolvedValue({
      road: null,
      near: null,
      address: null,
      text: { zh: '解放路, 近城站 (50 米)', en: 'Jiefang Rd, near the station (50 m)' },
    });
    api.geocodeSearch.mockResolvedValue({ hits: [] });
    api.relatedCalls.mockResolvedValue({ open: [], history: [], window: { radiusMeters: 300, minutes: 30 } });
  });

  it('N, coordinates + Enter, type, digits, Ctrl+Enter: saves and dispatches the chosen units', async () => {
    render(<DispatcherPage />);
    key(document.body, { key: 'n' });
    const location = screen.getByTestId('intake-location');
    expect(document.activeElement).toBe(location);

    fireEvent.change(location, { target: { value: '116.4, 39.9' } });
    key(location, { key: 'Enter' });
    expect(useIntakeStore.getState().lngLat).toEqual([116.4, 39.9]);
    expect(api.createIncident).not.toHaveBeenCalled();
    // Ranked as soon as the call is placed, before the type is chosen: the nearest police units.
    await waitFor(() =>
      expect(api.recommendations).toHaveBeenCalledWith({ lng: 116.4, lat: 39.9, priority: 3, limit: 10 }),
    );
    expect(await screen.findByTestId('intake-untyped')).toBeTruthy();

    const type = screen.getByTestId('intake-type');
    fireEvent.change(type, { target: { value: 'robbery' } });
    expect((screen.getByTestId('intake-priority') as HTMLSelectElement).value).toBe('1');

    expect(screen.queryByTestId('intake-untyped')).toBeNull();
    await waitFor(() =>
      expect(api.recommendations).toHaveBeenCalledWith(
        expect.objectContaining({ lng: 116.4, lat: 39.9, type: 'robbery', priority: 1 }),
      ),
    );
    await waitFor(() => expect(screen.getAllByTestId('candidate-row')).toHaveLength(3));
    // The plan's tier-1 unit is preselected; "2" on a non-text field adds the second candidate.
    expect(useIntakeStore.getState().selectedUnitIds).toEqual(['u1']);
    key(type, { key: '2' });
    expect(useIntakeStore.getState().selectedUnitIds).toEqual(['u1', 'u2']);
    // Typing a digit into a text field is text, not a shortcut...
    const description = screen.getByTestId('intake-description');
    key(description, { key: '3' });
    expect(useIntakeStore.getState().selectedUnitIds).toEqual(['u1', 'u2']);
    // ...unless Alt is held.
    key(description, { key: '1', altKey: true });
    expect(useIntakeStore.getState().selectedUnitIds).toEqual(['u2']);

    fireEvent.change(screen.getByTestId('intake-source'), { target: { value: 'walk_in' } });
    fireEvent.change(description, { target: { value: '两人持械' } });
    key(description, { key: 'Enter', ctrlKey: true });

    await waitFor(() => expect(api.dispatch).toHaveBeenCalled());
    const body = api.createIncident.mock.calls[0]?.[0] as CreateIncidentBody;
    expect(body).toMatchObject({
      type: 'robbery',
      priority: 1,
      location: { lng: 116.4, lat: 39.9 },
      description: '两人持械',
      source: 'walk_in',
      autoDispatch: false,
      receivedAt: new Date(T0).toISOString(),
    });
    expect(api.dispatch).toHaveBeenCalledWith('new', { unitIds: ['u2'] });
    await waitFor(() => expect(useIntakeStore.getState().active).toBe(false));
    expect(useIncidentsStore.getState().byId.new?.status).toBe('dispatched');
    expect(useUiStore.getState().selectedIncidentId).toBe('new');
  });

  it('a typed place: hits as one types, arrows and Enter pick one, the point is named', async () => {
    const hit = (name: string, lngLat: [number, number], extra = {}) => ({
      id: name,
      kind: 'place',
      name,
      matched: name,
      match: 'contains',
      address: null,
      lngLat,
      category: null,
      keyPlace: null,
      distanceMeters: 120,
      ...extra,
    });
    api.geocodeSearch.mockResolvedValue({
      hits: [
        hit('城站火车站', [116.41, 39.91], { keyPlace: 'station' }),
        hit('城站小学', [116.42, 39.92], { address: '人民路5号', keyPlace: 'school' }),
      ],
    });
    render(<DispatcherPage />);
    key(document.body, { key: 'n' });
    const location = screen.getByTestId('intake-location');
    fireEvent.change(location, { target: { value: '城站' } });
    const options = within(await screen.findByTestId('place-suggestions')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      expect.stringContaining('城站火车站车站'),
      expect.stringContaining('人民路5号'),
    ]);
    expect(api.geocodeSearch).toHaveBeenLastCalledWith('城站', null);
    key(location, { key: 'ArrowDown' });
    key(location, { key: 'Enter' });
    expect(useIntakeStore.getState()).toMatchObject({
      lngLat: [116.42, 39.92],
      locationText: '城站小学',
      address: '城站小学 (人民路5号)',
    });
    expect(useUiStore.getState().flyTo?.lngLat).toEqual([116.42, 39.92]);
    expect(await screen.findByText('已定位：解放路, 近城站 (50 米)')).toBeTruthy();
    // A typed address is kept: the map's name only fills an empty one.
    expect(useIntakeStore.getState().address).toBe('城站小学 (人民路5号)');
  });

  it('a point clicked on the map gets its name as the address until one is typed', async () => {
    render(<DispatcherPage />);
    key(document.body, { key: 'n' });
    act(() => useIntakeStore.getState().setLocation([116.4, 39.9]));
    await waitFor(() => expect(useIntakeStore.getState().address).toBe('解放路, 近城站 (50 米)'));
    api.reverseGeocode.mockResolvedValue({
      road: null,
      near: null,
      address: null,
      text: { zh: '人民路', en: 'Renmin Rd' },
    });
    act(() => useIntakeStore.getState().setLocation([116.5, 39.95]));
    await waitFor(() => expect(useIntakeStore.getState().address).toBe('人民路'));
    fireEvent.change(screen.getByTestId('intake-address'), { target: { value: '人民路12号' } });
    act(() => useIntakeStore.getState().setLocation([116.6, 39.97]));
    await waitFor(() => expect(api.reverseGeocode).toHaveBeenCalledWith([116.6, 39.97]));
    await act(async () => undefined);
    expect(useIntakeStore.getState().address).toBe('人民路12号');
  });

  it('offers one save-without-dispatch action: none beside it until units are chosen', async () => {
    render(<DispatcherPage />);
    key(document.body, { key: 'n' });
    expect(screen.getByTestId('intake-submit').textContent).toContain('仅保存');
    expect(screen.queryByTestId('intake-save-only')).toBeNull();
    act(() => useIntakeStore.getState().setLocation([116.4, 39.9]));
    fireEvent.change(screen.getByTestId('intake-type'), { target: { value: 'robbery' } });
    await waitFor(() => expect(useIntakeStore.getState().selectedUnitIds).toEqual(['u1']));
    expect(screen.getByTestId('intake-submit').textContent).toContain('保存并派警');
    expect(screen.getByTestId('intake-save-only').textContent).toBe('仅保存');
    expect(screen.getAllByRole('button').filter((b) => b.textContent?.includes('仅保存'))).toHaveLength(1);
  });

  it('lists a possible duplicate once placed; Alt+J attaches the call to it instead of a new incident', async () => {
    const fight = makeIncident({ id: 'fight', number: '110-20261123-0007', type: 'fight', callerCount: 1 });
    api.relatedCalls.mockResolvedValue({
      open: [{ incident: fight, distanceMeters: 48, minutesBefore: 0.5, samePhone: true }],
      history: [],
      window: { radiusMeters: 300, minutes: 30 },
    });
    api.addCaller.mockResolvedValue({ ...fight, callerCount: 2, version: 1 });
    render(<DispatcherPage />);
    key(document.body, { key: 'n' });
    const callId = useIntakeStore.getState().callId;
    fireEvent.change(screen.getByTestId('intake-caller-phone'), { target: { value: '13800000000' } });
    fireEvent.change(screen.getByTestId('intake-description'), { target: { value: '又打起来了' } });
    act(() => useIntakeStore.getState().setLocation([116.4, 39.9]));
    const row = await screen.findByTestId('related-incident');
    expect(row.textContent).toContain('48 米');
    expect(row.textContent).toContain('同一号码');
    expect(api.relatedCalls).toHaveBeenLastCalledWith({ lng: 116.4, lat: 39.9, phone: '13800000000' });
    await act(async () => {
      fireEvent.keyDown(window, { key: 'j', altKey: true });
    });
    await waitFor(() => expect(useIntakeStore.getState().active).toBe(false));
    expect(api.addCaller).toHaveBeenCalledWith('fight', {
      callId,
      callerPhone: '13800000000',
      notes: '又打起来了',
      receivedAt: new Date(T0).toISOString(),
    });
    expect(api.createIncident).not.toHaveBeenCalled();
    expect(useIncidentsStore.getState().byId.fight?.callerCount).toBe(2);
    expect(useUiStore.getState().selectedIncidentId).toBe('fight');
  });

  it('Esc drops the call; saving without a location focuses the location field', async () => {
    render(<DispatcherPage />);
    key(document.body, { key: 'N' });
    const type = screen.getByTestId('intake-type');
    fireEvent.change(type, { target: { value: 'theft' } });
    key(type, { key: 'Enter', ctrlKey: true });
    expect(await screen.findByTestId('intake-error')).toHaveProperty('textContent', '请先确定位置');
    expect(document.activeElement).toBe(screen.getByTestId('intake-location'));
    expect(api.createIncident).not.toHaveBeenCalled();

    key(screen.getByTestId('intake-location'), { key: 'Escape' });
    expect(useIntakeStore.getState().active).toBe(false);
    expect(screen.getByTestId('new-call')).toBeTruthy();
  });

  it('does not start a call when N is typed into a field', () => {
    render(<DispatcherPage />);
    act(() => useIntakeStore.getState().start(T0));
    key(screen.getByTestId('intake-location'), { key: 'n' });
    expect(useIntakeStore.getState().receivedAt).toBe(T0);
  });
});
