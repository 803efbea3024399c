import type { AssignmentDto } from '@dispatch/contracts';
import type { LngLat } from '@dispatch/domain';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.js';
import { LocalConsole, type LocalUnitSeed } from './local-console.js';

const here: LngLat = [120.15, 30.27];
const east = (m: number): LngLat => [here[0] + m / 96_000, here[1]];

function setup() {
  let now = Date.UTC(2026, 0, 5, 10);
  const unit = (id: string, at: LngLat, extra: Partial<LocalUnitSeed> = {}): LocalUnitSeed => ({
    id,
    callSign: id.toUpperCase(),
    kind: 'patrol_car',
    status: 'available',
    homeGridId: 'g1',
    postId: null,
    capabilities: [],
    lngLat: at,
    ...extra,
  });
  const console = new LocalConsole(
    {
      units: [unit('a', east(300)), unit('b', east(900)), unit('c', east(2000), { status: 'off_duty' })],
      posts: [],
      gridAt: () => 'g1',
    },
    null,
    () => now,
    8,
  );
  const heard: string[] = [];
  const wall = console.eventsFor('wall');
  wall.on('incident:created', (i) => heard.push(`wall incident:created ${i.status}`));
  wall.on('incident:updated', (i) => heard.push(`wall incident:updated ${i.status}`));
  const received: AssignmentDto[] = [];
  console.eventsFor('a').on('assignment:created', (a) => received.push(a));
  const incidentBody = {
    type: 'theft' as const,
    priority: 3 as const,
    location: { lng: here[0], lat: here[1] },
    address: 'A路',
  };
  return { console, heard, received, incidentBody, tick: (s: number) => (now += s * 1000), now: () => now };
}

const code = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof ApiError ? `${e.status} ${e.code}` : String(e)),
  );

describe('LocalConsole', () => {
  it('logs an incident, recommends the nearest free unit and dispatches it', async () => {
    const { console, heard, received, incidentBody, tick, now } = setup();
    const incident = await console.createIncident(incidentBody);
    expect(incident).toMatchObject({ status: 'received', gridId: 'g1', requiredUnits: 1 });
    expect(incident.number).toMatch(/^110-20260105-0001$/);
    const rec = await console.recommendations(incident.id);
    expect(rec.straightLine).toBe(true);
    expect(rec.candidates.filter((c) => c.tier === 1).map((c) => c.unitId)).toEqual(['a']);
    expect(rec.candidates.map((c) => c.unitId)).not.toContain('c'); // off duty
    tick(25);
    const { incident: sent, assignments } = await console.dispatch(incident.id, ['a']);
    expect(sent.status).toBe('dispatched');
    expect(Date.parse(sent.firstDispatchedAt!)).toBe(now());
    expect(assignments).toMatchObject([{ unitId: 'a', role: 'primary', tier: 1, status: 'assigned' }]);
    expect(received.map((a) => a.id)).toEqual([assignments[0]!.id]);
    expect(heard).toEqual(['wall incident:created received', 'wall incident:updated dispatched']);
    expect((await console.units()).find((u) => u.id === 'a')).toMatchObject({
      status: 'assigned',
      activeIncidentId: incident.id,
    });
    // Taken units and closed incidents are refused as the server refuses them.
    expect(await code(console.dispatch(incident.id, ['a']))).toBe('409 UNIT_NOT_AVAILABLE');
    expect(await code(console.dispatch('nope', ['b']))).toBe('404 NOT_FOUND');
  });

  it('follows a unit through its assignment to the close, with the milestones', async () => {
    const { console, incidentBody, tick } = setup();
    const incident = await console.createIncident(incidentBody);
    const [a] = (await console.dispatch(incident.id, ['a'])).assignments;
    const unit = console.terminal();
    expect(await code(unit.assignmentAction(a!.id, 'clear'))).toBe('409 ILLEGAL_TRANSITION');
    await unit.assignmentAction(a!.id, 'accept');
    await unit.assignmentAction(a!.id, 'en_route');
    tick(95);
    const onScene = await unit.assignmentAction(a!.id, 'on_scene');
    expect(onScene.status).toBe('on_scene');
    const record = await console.incident(incident.id);
    expect(record.status).toBe('on_scene');
    expect((Date.parse(record.firstOnSceneAt!) - Date.parse(record.receivedAt)) / 1000).toBe(95);
    tick(600);
    expect((await unit.assignmentAction(a!.id, 'clear')).status).toBe('cleared');
    expect((await console.units()).find((u) => u.id === 'a')!.status).toBe('returning');
    // Returning units are free for calls; back in the grid the crew reports available.
    expect((await unit.setUnitStatus('a', 'available')).status).toBe('available');
    await console.resolve(incident.id, 'resolved_on_scene');
    const closed = await console.close(incident.id);
    expect(closed).toMatchObject({ status: 'closed', resolution: 'resolved_on_scene' });
    expect(closed.closedAt).not.toBeNull();
    expect(await code(console.dispatch(incident.id, ['b']))).toBe('409 INCIDENT_CLOSED');
  });

  it('ranks on where the units are now, as their terminals report it', async () => {
    const { console, incidentBody } = setup();
    let bAt = east(900);
    console.trackPosition('b', () => ({ lngLat: bAt, headingDeg: null, speedMps: 0 }));
    const incident = await console.createIncident(incidentBody);
    const first = async () =>
      (await console.recommendations(incident.id)).candidates.find((c) => c.tier === 1)?.unitId;
    expect(await first()).toBe('a');
    bAt = east(50);
    expect(await first()).toBe('b');
    expect((await console.units()).find((u) => u.id === 'b')!.position!.lngLat).toEqual(east(50));
  });
});
