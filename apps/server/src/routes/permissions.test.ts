import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { DEFAULT_RESPONSE_PLANS } from '@dispatch/dispatch';
import { createHarness, errorOf, unitLogins, type Harness } from '../test/app-harness.js';

type Role = 'admin' | 'dispatcher' | 'shift_leader' | 'supervisor' | 'unit';
const ROLES: Role[] = ['admin', 'dispatcher', 'shift_leader', 'supervisor', 'unit'];
const LOGIN: Record<Role, string> = {
  admin: 'admin',
  dispatcher: 'dispatcher',
  shift_leader: 'leader',
  supervisor: 'supervisor',
  unit: 'unit001',
};
const STAFF: Role[] = ['admin', 'dispatcher', 'shift_leader'];

// Who may call what, route by route. Allowed callers may still get 4xx for the request itself
// (most requests below are built to be refused by the domain, so nothing changes), never 401/403.
describe(`permissions per role (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let ownUnitId: string;
  let otherUnitId: string;
  let otherUnitLogin: string;
  let gridId: string;
  let openIncidentId: string;
  let cancelledIncidentId: string;
  let otherAssignmentId: string;
  let offDutyUnitId: string;

  beforeAll(async () => {
    h = await createHarness();
    const me = await h.login('unit001');
    ownUnitId = me.unitId!;
    const own = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: ownUnitId } });
    gridId = own.currentGridId!;
    const location = { lng: own.lastLng, lat: own.lastLat };
    const create = async () =>
      (
        await h.call('dispatcher', {
          method: 'POST',
          url: '/api/incidents',
          payload: { type: 'theft', priority: 3, location },
        })
      ).json<{ id: string }>().id;
    openIncidentId = await create();
    cancelledIncidentId = await create();
    await h.call('dispatcher', { method: 'POST', url: `/api/incidents/${cancelledIncidentId}/cancel` });
    const other = await h.db.prisma.unit.findFirstOrThrow({
      where: { status: 'available', kind: 'patrol_car', id: { not: ownUnitId } },
    });
    otherUnitId = other.id;
    otherUnitLogin = (await unitLogins(h.db)).get(otherUnitId)!;
    const sent = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${openIncidentId}/dispatch`,
      payload: { unitIds: [otherUnitId] },
    });
    otherAssignmentId = sent.json<{ assignments: { id: string }[] }>().assignments[0]!.id;
    offDutyUnitId = (await h.db.prisma.unit.findFirstOrThrow({ where: { status: 'off_duty' } })).id;
    for (const role of ROLES) await h.login(LOGIN[role]);
  });
  afterAll(async () => {
    await h?.close();
  });

  const plan = () => DEFAULT_RESPONSE_PLANS.find((p) => p.id === 'theft')!;
  const day = () => new Date(h.clock.ms).toISOString();
  const table: [string, () => InjectOptions, Role[]][] = [
    ['read incidents', () => ({ method: 'GET', url: '/api/incidents' }), ROLES],
    // unit001 is not on this incident: only staff read it.
    [
      'read one incident',
      () => ({ method: 'GET', url: `/api/incidents/${openIncidentId}` }),
      [...STAFF, 'supervisor'],
    ],
    [
      "read another unit's route",
      () => ({ method: 'GET', url: `/api/assignments/${otherAssignmentId}/route` }),
      [...STAFF, 'supervisor'],
    ],
    // A unit's list is filtered to its own unit (see below).
    ['read units', () => ({ method: 'GET', url: '/api/units' }), ROLES],
    ['read own unit', () => ({ method: 'GET', url: `/api/units/${ownUnitId}` }), ROLES],
    [
      'read another unit',
      () => ({ method: 'GET', url: `/api/units/${otherUnitId}` }),
      [...STAFF, 'supervisor'],
    ],
    ['read grids', () => ({ method: 'GET', url: '/api/grids' }), ROLES],
    ['read posts', () => ({ method: 'GET', url: '/api/posts' }), ROLES],
    // The basemap is map data like the roads: every signed-in role, unit terminals included.
    ['read basemap tiles', () => ({ method: 'GET', url: '/api/tiles/0/0/0.pbf' }), ROLES],
    [
      'create an incident',
      () => ({
        method: 'POST',
        url: '/api/incidents',
        payload: { type: 'theft', priority: 4, location: { lng: 0, lat: 0 }, autoDispatch: false },
      }),
      STAFF,
    ],
    [
      'recommend for a location',
      () => ({ method: 'GET', url: '/api/recommendations?lng=120.1&lat=30.2&type=theft&priority=3' }),
      STAFF,
    ],
    [
      'recommend for an incident',
      () => ({ method: 'GET', url: `/api/incidents/${openIncidentId}/recommendations` }),
      STAFF,
    ],
    [
      'dispatch',
      () => ({
        method: 'POST',
        url: `/api/incidents/${openIncidentId}/dispatch`,
        payload: { unitIds: [offDutyUnitId] },
      }),
      STAFF,
    ],
    [
      'cancel an incident',
      () => ({ method: 'POST', url: `/api/incidents/${cancelledIncidentId}/cancel` }),
      STAFF,
    ],
    [
      'close an incident',
      () => ({ method: 'POST', url: `/api/incidents/${cancelledIncidentId}/close` }),
      STAFF,
    ],
    [
      // unit001 is not on this incident: only staff may resolve it.
      'resolve an incident',
      () => ({
        method: 'POST',
        url: `/api/incidents/${cancelledIncidentId}/resolve`,
        payload: { resolution: 'resolved_on_scene' },
      }),
      STAFF,
    ],
    [
      "act on another unit's assignment",
      () => ({
        method: 'POST',
        url: `/api/assignments/${otherAssignmentId}/actions`,
        payload: { action: 'clear' },
      }),
      STAFF,
    ],
    [
      'set own unit status',
      () => ({ method: 'POST', url: `/api/units/${ownUnitId}/status`, payload: { status: 'on_scene' } }),
      ROLES,
    ],
    [
      "set another unit's status",
      () => ({ method: 'POST', url: `/api/units/${otherUnitId}/status`, payload: { status: 'on_scene' } }),
      ['admin', 'dispatcher', 'shift_leader', 'supervisor'],
    ],
    [
      'report own position',
      () => ({ method: 'POST', url: `/api/units/${ownUnitId}/position`, payload: { lng: 120.1, lat: 30.2 } }),
      ['admin', 'unit'],
    ],
    [
      "report another unit's position",
      () => ({
        method: 'POST',
        url: `/api/units/${otherUnitId}/position`,
        payload: { lng: 120.1, lat: 30.2 },
      }),
      ['admin'],
    ],
    [
      'report positions in a batch with another unit',
      () => ({
        method: 'POST',
        url: '/api/units/positions',
        payload: {
          reports: [
            { unitId: ownUnitId, lng: 120.1, lat: 30.2 },
            { unitId: otherUnitId, lng: 120.1, lat: 30.2 },
          ],
        },
      }),
      ['admin'],
    ],
    [
      'move own unit to another grid',
      () => ({ method: 'POST', url: `/api/units/${ownUnitId}/grid`, payload: { gridId } }),
      ['admin', 'supervisor'],
    ],
    [
      'edit a grid',
      () => ({ method: 'PATCH', url: `/api/grids/${gridId}`, payload: { minStaffing: { patrol_car: 1 } } }),
      ['admin', 'supervisor'],
    ],
    [
      'list related calls',
      () => ({ method: 'GET', url: '/api/incidents/related?lng=120.1&lat=30.2&type=fight' }),
      STAFF,
    ],
    [
      // A call already saved as an incident: refused by the service (409), after the permission.
      'attach a further caller',
      () => ({
        method: 'POST',
        url: `/api/incidents/${openIncidentId}/callers`,
        payload: { callId: cancelledIncidentId },
      }),
      STAFF,
    ],
    ['search places', () => ({ method: 'GET', url: '/api/geocode/search?q=%E8%B7%AF' }), ROLES],
    ['name a point', () => ({ method: 'GET', url: '/api/geocode/reverse?lng=120.1&lat=30.2' }), ROLES],
    [
      'import standard addresses',
      () => ({
        method: 'POST',
        url: '/api/geocode/standard-addresses?dryRun=true',
        payload: { csv: 'name,lng,lat\n' },
      }),
      ['admin'],
    ],
    [
      'import grids',
      () => ({
        method: 'POST',
        url: '/api/grids/import',
        payload: { type: 'FeatureCollection', features: [{}] },
      }),
      ['admin'],
    ],
    [
      'import roads',
      () => ({
        method: 'POST',
        url: '/api/map/roads',
        payload: { type: 'FeatureCollection', features: [{}] },
      }),
      ['admin'],
    ],
    ['read the audit trail', () => ({ method: 'GET', url: '/api/audit?limit=5' }), ['admin', 'shift_leader']],
    ['read live coverage', () => ({ method: 'GET', url: '/api/coverage' }), [...STAFF, 'supervisor']],
    [
      'read coverage alerts',
      () => ({ method: 'GET', url: '/api/coverage/alerts' }),
      [...STAFF, 'supervisor'],
    ],
    [
      'read the hot-spot map',
      () => ({ method: 'GET', url: '/api/hotspots?hourOfWeek=9' }),
      [...STAFF, 'supervisor'],
    ],
    ['read the top hot spots', () => ({ method: 'GET', url: '/api/hotspots/top' }), [...STAFF, 'supervisor']],
    [
      'read response-time reports',
      () => ({
        method: 'GET',
        url: `/api/reports/response-times?from=${new Date(h.clock.ms - 86_400_000).toISOString()}&to=${day()}`,
      }),
      ['admin', 'shift_leader', 'supervisor'],
    ],
    [
      'set the clock targets',
      () => ({
        method: 'PUT',
        url: '/api/settings/clock-targets',
        payload: { dispatchSeconds: 60, firstArrivalSeconds: 180, reinforcementSeconds: 300 },
      }),
      ['admin', 'shift_leader'],
    ],
    [
      'edit a response plan',
      () => ({ method: 'PUT', url: `/api/settings/response-plans/${plan().id}`, payload: plan() }),
      ['admin', 'shift_leader'],
    ],
  ];

  for (const [action, request, allowed] of table) {
    it(`${action}: ${allowed.join(', ')}`, async () => {
      const outcome: Record<string, string> = {};
      for (const role of ROLES) {
        const res = await h.call(LOGIN[role], request());
        const denied = res.statusCode === 403;
        if (denied) errorOf(res, 403, 'FORBIDDEN');
        expect(res.statusCode, `${role}: ${res.body.slice(0, 200)}`).not.toBe(401);
        expect(res.statusCode, `${role}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        outcome[role] = denied ? 'denied' : 'allowed';
      }
      expect(outcome).toEqual(
        Object.fromEntries(ROLES.map((r) => [r, allowed.includes(r) ? 'allowed' : 'denied'])),
      );
    });
  }

  it('refuses every API route without a valid token, before validating the input', async () => {
    const forged = h.app.jwt.sign({ sub: 'x', username: 'x', role: 'admin', unitId: null, sid: 'x' });
    const tampered = `${forged.slice(0, -4)}AAAA`;
    for (const [, request] of table) {
      for (const authorization of [undefined, `Bearer ${tampered}`, 'Basic YWRtaW46YWRtaW4xMjM=']) {
        const r = request();
        // Bad input too: without a token the caller learns nothing about the input rules.
        const payload = r.payload ? { bogus: true } : undefined;
        const res = await h.app.inject({
          ...r,
          ...(payload ? { payload } : {}),
          headers: authorization ? { authorization } : {},
        });
        errorOf(res, 401, 'UNAUTHENTICATED');
      }
    }
  });

  it('shows a unit terminal only its own unit, its incidents, callers only while assigned', async () => {
    const incident = (
      await h.call('dispatcher', {
        method: 'POST',
        url: '/api/incidents',
        payload: {
          type: 'dispute',
          priority: 3,
          location: { lng: 120.15, lat: 30.25 },
          callerName: '王女士',
          callerPhone: '13800000000',
          autoDispatch: false,
        },
      })
    ).json<{ id: string }>();
    const free = await h.db.prisma.unit.findFirstOrThrow({
      where: { status: 'available', kind: 'patrol_car', id: { notIn: [ownUnitId, otherUnitId] } },
    });
    const login = (await unitLogins(h.db)).get(free.id)!;
    const sent = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/dispatch`,
      payload: { unitIds: [free.id] },
    });
    const assignmentId = sent.json<{ assignments: { id: string }[] }>().assignments[0]!.id;
    type Listed = { id: string; callerName: string | null; callerPhone: string | null };

    const list = (await h.call(login, { method: 'GET', url: '/api/incidents' })).json<Listed[]>();
    expect(list.map((i) => i.id)).toEqual([incident.id]);
    expect(list[0]).toMatchObject({ callerName: '王女士', callerPhone: '13800000000' });
    const units = (await h.call(login, { method: 'GET', url: '/api/units' })).json<{ id: string }[]>();
    expect(units.map((u) => u.id)).toEqual([free.id]);
    const staffUnits = (await h.call('dispatcher', { method: 'GET', url: '/api/units' })).json<unknown[]>();
    expect(staffUnits.length).toBeGreaterThan(1);
    const route = await h.call(login, { method: 'GET', url: `/api/assignments/${assignmentId}/route` });
    expect(route.statusCode, route.body).not.toBe(403);

    // Cleared: the incident stays on its list (recent), the caller does not.
    for (const action of ['en_route', 'on_scene', 'clear']) {
      const step = await h.call(login, {
        method: 'POST',
        url: `/api/assignments/${assignmentId}/actions`,
        payload: { action },
      });
      expect(step.statusCode, step.body).toBe(200);
    }
    const after = (await h.call(login, { method: 'GET', url: '/api/incidents' })).json<Listed[]>();
    expect(after.map((i) => i.id)).toEqual([incident.id]);
    expect(after[0]).toMatchObject({ callerName: null, callerPhone: null });
    // Nor does the snapshot its socket gets on (re)connecting.
    const snapshot = await h.app.services.snapshots.buildForUnit(free.id);
    expect(snapshot.incidents.map((i) => i.id)).toEqual([incident.id]);
    expect(snapshot.incidents[0]).toMatchObject({ callerName: null, callerPhone: null });
    const one = await h.call(login, { method: 'GET', url: `/api/incidents/${incident.id}` });
    expect(one.statusCode).toBe(200);
    expect(one.json<Listed>()).toMatchObject({ callerName: null, callerPhone: null });
    const staffView = await h.call('dispatcher', { method: 'GET', url: `/api/incidents/${incident.id}` });
    expect(staffView.json<Listed>().callerName).toBe('王女士');
    // Other units' incidents: neither listed nor readable.
    errorOf(
      await h.call(login, { method: 'GET', url: `/api/incidents/${openIncidentId}` }),
      403,
      'FORBIDDEN',
    );
  });

  it('lets a unit resolve only an incident it is assigned to, and act only on its own assignment', async () => {
    const other = await h.login(otherUnitLogin);
    expect(other.unitId).toBe(otherUnitId);
    const step = await h.call(otherUnitLogin, {
      method: 'POST',
      url: `/api/assignments/${otherAssignmentId}/actions`,
      payload: { action: 'en_route' },
    });
    expect(step.statusCode, step.body).toBe(200);
    const foreign = await h.call('unit001', {
      method: 'POST',
      url: `/api/assignments/${otherAssignmentId}/actions`,
      payload: { action: 'on_scene' },
    });
    errorOf(foreign, 403, 'FORBIDDEN');
    const notMine = await h.call('unit001', {
      method: 'POST',
      url: `/api/incidents/${openIncidentId}/resolve`,
      payload: { resolution: 'resolved_on_scene' },
    });
    errorOf(notMine, 403, 'FORBIDDEN');
    const mine = await h.call(otherUnitLogin, {
      method: 'POST',
      url: `/api/incidents/${openIncidentId}/resolve`,
      payload: { resolution: 'resolved_on_scene' },
    });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json<{ status: string }>().status).toBe('resolved');
  });

  it('lets a unit change only its own status, and only supervisors and admins move units between grids', async () => {
    const otherGrid = await h.db.prisma.grid.findFirstOrThrow({ where: { id: { not: gridId } } });
    const own = await h.call('unit001', {
      method: 'POST',
      url: `/api/units/${ownUnitId}/status`,
      payload: { status: 'out_of_service' },
    });
    expect(own.statusCode, own.body).toBe(200);
    const row = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: ownUnitId } });
    expect(row.status).toBe('out_of_service');
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: ownUnitId, action: 'unit.status' },
      orderBy: { at: 'desc' },
    });
    expect(audit).toMatchObject({
      actorName: 'unit001',
      before: { status: 'available' },
      after: { status: 'out_of_service' },
    });
    for (const login of ['unit001', 'dispatcher', 'leader']) {
      const res = await h.call(login, {
        method: 'POST',
        url: `/api/units/${ownUnitId}/grid`,
        payload: { gridId: otherGrid.id },
      });
      errorOf(res, 403, 'FORBIDDEN');
    }
    expect((await h.db.prisma.unit.findUniqueOrThrow({ where: { id: ownUnitId } })).currentGridId).toBe(
      gridId,
    );
    const moved = await h.call('supervisor', {
      method: 'POST',
      url: `/api/units/${ownUnitId}/grid`,
      payload: { gridId: otherGrid.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await h.db.prisma.unit.findUniqueOrThrow({ where: { id: ownUnitId } })).currentGridId).toBe(
      otherGrid.id,
    );
  });
});
