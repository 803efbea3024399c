import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentDto, IncidentDto, RouteDto, UnitDto } from '@dispatch/contracts';
import { createHarness, errorOf, unitLogins, type Harness } from '../test/app-harness.js';

describe(`units (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let logins: Map<string, string>;
  let me: { unitId: string; login: string };

  beforeAll(async () => {
    h = await createHarness();
    logins = await unitLogins(h.db);
    me = { unitId: (await h.login('unit001')).unitId!, login: 'unit001' };
  });
  afterAll(async () => {
    await h?.close();
  });

  const unitRow = (id: string) => h.db.prisma.unit.findUniqueOrThrow({ where: { id } });
  const setStatus = (login: string, id: string, payload: Record<string, unknown>) =>
    h.call(login, { method: 'POST', url: `/api/units/${id}/status`, payload });

  it('lists every unit and reads one', async () => {
    const list = await h.call('supervisor', { method: 'GET', url: '/api/units' });
    expect(list.statusCode).toBe(200);
    const units = list.json<UnitDto[]>();
    expect(units).toHaveLength(await h.db.prisma.unit.count());
    const row = await unitRow(me.unitId);
    const one = await h.call('unit001', { method: 'GET', url: `/api/units/${me.unitId}` });
    expect(one.json<UnitDto>()).toMatchObject({
      id: row.id,
      callSign: row.callSign,
      kind: 'patrol_car',
      status: 'available',
      currentGridId: row.currentGridId,
      position: { lngLat: [row.lastLng, row.lastLat] },
      activeAssignmentId: null,
    });
    // A unit terminal reads only its own unit: any other id is refused before it is looked up.
    errorOf(
      await h.call('unit001', { method: 'GET', url: '/api/units/00000000-0000-4000-8000-000000000000' }),
      403,
      'FORBIDDEN',
    );
    errorOf(
      await h.call('supervisor', { method: 'GET', url: '/api/units/00000000-0000-4000-8000-000000000000' }),
      404,
      'NOT_FOUND',
    );
  });

  it('walks the unit status machine and audits each change', async () => {
    const off = await setStatus('unit001', me.unitId, { status: 'off_duty' });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json<UnitDto>().status).toBe('off_duty');
    // A dispatcher records the radio report "back on duty".
    const back = await setStatus('dispatcher', me.unitId, { status: 'available' });
    expect(back.statusCode).toBe(200);
    const audit = await h.db.prisma.auditEvent.findMany({
      where: { entityId: me.unitId, action: 'unit.status' },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => [a.actorName, a.before, a.after])).toEqual([
      ['unit001', { status: 'available' }, { status: 'off_duty' }],
      ['dispatcher', { status: 'off_duty' }, { status: 'available' }],
    ]);
  });

  it('refuses illegal status changes, stale versions and faked assignment states, changing nothing', async () => {
    const before = await unitRow(me.unitId);
    const counts = await h.counts();
    const illegal = await setStatus('unit001', me.unitId, { status: 'returning' });
    expect(errorOf(illegal, 409, 'ILLEGAL_TRANSITION').details).toMatchObject({
      from: 'available',
      to: 'returning',
    });
    errorOf(await setStatus('unit001', me.unitId, { status: 'on_scene' }), 409, 'ILLEGAL_TRANSITION');
    const stale = await setStatus('unit001', me.unitId, { status: 'off_duty', version: before.version - 1 });
    errorOf(stale, 409, 'CONFLICT');
    expect(await unitRow(me.unitId)).toEqual(before);
    expect(await h.counts()).toEqual(counts);
  });

  it('keeps a unit on an assignment from being set free by hand', async () => {
    const row = await unitRow(me.unitId);
    const created = await h.call('dispatcher', {
      method: 'POST',
      url: '/api/incidents',
      payload: { type: 'theft', priority: 3, location: { lng: row.lastLng, lat: row.lastLat } },
    });
    const incident = created.json<IncidentDto>();
    const sent = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/dispatch`,
      payload: { unitIds: [me.unitId] },
    });
    const assignment = sent.json<{ assignments: AssignmentDto[] }>().assignments[0]!;
    const busy = await unitRow(me.unitId);
    expect(busy.status).toBe('assigned');
    errorOf(await setStatus('dispatcher', me.unitId, { status: 'available' }), 409, 'ILLEGAL_TRANSITION');
    expect(await unitRow(me.unitId)).toEqual(busy);

    const route = await h.call('unit001', { method: 'GET', url: `/api/assignments/${assignment.id}/route` });
    expect(route.statusCode, route.body).toBe(200);
    const r = route.json<RouteDto>();
    expect(r.unitId).toBe(me.unitId);
    expect(r.method).toBe('road');
    expect(r.coordinates.length).toBeGreaterThanOrEqual(1);
    expect(r.etaSeconds).toBeGreaterThanOrEqual(0);

    // A dispatcher cancelling the assignment frees the unit again.
    const cancel = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/assignments/${assignment.id}/actions`,
      payload: { action: 'cancel' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json<AssignmentDto>().status).toBe('cancelled');
    expect((await unitRow(me.unitId)).status).toBe('available');
  });

  it('takes position reports, keeping the newest as the last position', async () => {
    const t = h.clock.ms;
    const at = (s: number) => new Date(t + s * 1000).toISOString();
    const post = (payload: Record<string, unknown>) =>
      h.call('unit001', { method: 'POST', url: `/api/units/${me.unitId}/position`, payload });
    expect((await post({ lng: 120.2, lat: 30.3, headingDeg: 45, speedMps: 10, at: at(2) })).statusCode).toBe(
      202,
    );
    // A late report (older timestamp) is stored but does not rewind the last position.
    expect((await post({ lng: 120.1, lat: 30.1, at: at(1) })).statusCode).toBe(202);
    await h.app.services.positions.flush();
    const row = await unitRow(me.unitId);
    expect([row.lastLng, row.lastLat, row.lastHeadingDeg, row.lastSpeedMps]).toEqual([120.2, 30.3, 45, 10]);
    expect(row.lastPositionAt?.toISOString()).toBe(at(2));
    const samples = await h.db.prisma.positionSample.findMany({
      where: { unitId: me.unitId, at: { gte: new Date(t) } },
      orderBy: { at: 'asc' },
    });
    expect(samples.map((s) => [s.lng, s.lat])).toEqual([
      [120.1, 30.1],
      [120.2, 30.3],
    ]);
  });

  it('accepts a batch only when every report is valid', async () => {
    const [a, b] = [...logins.keys()].slice(5, 7) as [string, string];
    const before = await h.db.prisma.positionSample.count();
    const bad = await h.call('admin', {
      method: 'POST',
      url: '/api/units/positions',
      payload: {
        reports: [
          { unitId: a, lng: 120.11, lat: 30.21 },
          { unitId: '00000000-0000-4000-8000-000000000000', lng: 120.12, lat: 30.22 },
        ],
      },
    });
    errorOf(bad, 404, 'NOT_FOUND', 'body.reports.1.unitId');
    await h.app.services.positions.flush();
    expect(await h.db.prisma.positionSample.count()).toBe(before);

    const good = await h.call('admin', {
      method: 'POST',
      url: '/api/units/positions',
      payload: {
        reports: [
          { unitId: a, lng: 120.11, lat: 30.21 },
          { unitId: b, lng: 120.12, lat: 30.22 },
        ],
      },
    });
    expect(good.statusCode).toBe(202);
    expect(good.json()).toEqual({ accepted: 2 });
    await h.app.services.positions.flush();
    expect(await h.db.prisma.positionSample.count()).toBe(before + 2);
    expect([(await unitRow(b)).lastLng, (await unitRow(b)).lastLat]).toEqual([120.12, 30.22]);
  });
});
