import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { DEFAULT_RESPONSE_PLANS } from '@dispatch/dispatch';
import { createHarness, errorOf, type Harness } from '../test/app-harness.js';

// Every route, fed bad input: 400 VALIDATION_FAILED naming the field, and not one row written.
describe(`validation on every route (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let unitId: string;
  let gridId: string;
  let incidentId: string;
  let assignmentId: string;

  beforeAll(async () => {
    h = await createHarness();
    const unit = await h.db.prisma.unit.findFirstOrThrow({
      where: { status: 'available', kind: 'patrol_car' },
    });
    unitId = unit.id;
    gridId = unit.currentGridId!;
    const created = await h.call('dispatcher', {
      method: 'POST',
      url: '/api/incidents',
      payload: { type: 'theft', priority: 3, location: { lng: unit.lastLng, lat: unit.lastLat } },
    });
    incidentId = created.json<{ id: string }>().id;
    const sent = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incidentId}/dispatch`,
      payload: { unitIds: [unitId] },
    });
    assignmentId = sent.json<{ assignments: { id: string }[] }>().assignments[0]!.id;
    for (const user of ['admin', 'dispatcher']) await h.login(user);
  });
  afterAll(async () => {
    await h?.close();
  });

  const long = 'x'.repeat(65);
  const future = () => new Date(h.clock.ms + 3_600_000).toISOString();
  const square = (lng: number, lat: number, closed = true) => ({
    type: 'Polygon',
    coordinates: [
      [[lng, lat], [lng + 0.01, lat], [lng + 0.01, lat + 0.01], closed ? [lng, lat] : [lng, lat + 0.02]],
    ],
  });
  const validPlan = DEFAULT_RESPONSE_PLANS.find((p) => p.id === 'theft')!;

  type Case = [name: string, user: string, request: () => InjectOptions, field: string];
  const cases: Case[] = [
    [
      'login without password',
      'none',
      () => ({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin' } }),
      'body.password',
    ],
    [
      'login with an extra field',
      'none',
      () => ({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: 'x', role: 'admin' },
      }),
      'body.role',
    ],
    [
      'incident of unknown type',
      'dispatcher',
      () => ({
        method: 'POST',
        url: '/api/incidents',
        payload: { type: 'alien', priority: 1, location: { lng: 120, lat: 30 } },
      }),
      'body.type',
    ],
    [
      'incident priority 9',
      'dispatcher',
      () => ({
        method: 'POST',
        url: '/api/incidents',
        payload: { type: 'theft', priority: 9, location: { lng: 120, lat: 30 } },
      }),
      'body.priority',
    ],
    [
      'incident priority as text (no coercion in bodies)',
      'dispatcher',
      () => ({
        method: 'POST',
        url: '/api/incidents',
        payload: { type: 'theft', priority: '1', location: { lng: 120, lat: 30 } },
      }),
      'body.priority',
    ],
    [
      'incident longitude 200',
      'dispatcher',
      () => ({
        method: 'POST',
        url: '/api/incidents',
        payload: { type: 'theft', priority: 2, location: { lng: 200, lat: 30 } },
      }),
      'body.location.lng',
    ],
    [
      'incident without location',
      'dispatcher',
      () => ({ method: 'POST', url: '/api/incidents', payload: { type: 'theft', priority: 2 } }),
      'body.location',
    ],
    [
      'incident with [lng, lat] array',
      'dispatcher',
      () => ({
        method: 'POST',
        url: '/api/incidents',
        payload: { type: 'theft', priority: 2, location: [120, 30] },
      }),
      'body.location',
    ],
    [
      'incident with a letter phone',
      'dispatcher',
      () => ({
        method: 'POST',
        url: '/api/incidents',
        payload: { type: 'theft', priority: 2, location: { lng: 120, lat: 30 }, callerPhone: 'call me' },
      }),
      'body.callerPhone',
    ],
    [
      'incident received "yesterday"',
      'dispatcher',
      () => ({
        method: 'POST',
        url: '/api/incidents',
        payload: { type: 'theft', priority: 2, location: { lng: 120, lat: 30 }, receivedAt: 'yesterday' },
      }),
      'body.receivedAt',
    ],
    [
      'incident received in the future',
      'dispatcher',
      () => ({
        method: 'POST',
        url: '/api/incidents',
        payload: { type: 'theft', priority: 2, location: { lng: 120, lat: 30 }, receivedAt: future() },
      }),
      'body.receivedAt',
    ],
    [
      'incident back-dated beyond the intake window (older calls are imported)',
      'dispatcher',
      () => ({
        method: 'POST',
        url: '/api/incidents',
        payload: {
          type: 'theft',
          priority: 2,
          location: { lng: 120, lat: 30 },
          receivedAt: new Date(h.clock.ms - 31 * 60_000).toISOString(),
        },
      }),
      'body.receivedAt',
    ],
    [
      'incident received in 2020',
      'dispatcher',
      () => ({
        method: 'POST',
        url: '/api/incidents',
        payload: {
          type: 'theft',
          priority: 2,
          location: { lng: 120, lat: 30 },
          receivedAt: '2020-01-01T00:00:00Z',
        },
      }),
      'body.receivedAt',
    ],
    [
      'incident status filter',
      'dispatcher',
      () => ({ method: 'GET', url: '/api/incidents?status=burning' }),
      'querystring.status',
    ],
    [
      'incident list limit 0',
      'dispatcher',
      () => ({ method: 'GET', url: '/api/incidents?limit=0' }),
      'querystring.limit',
    ],
    [
      'incident list unknown parameter',
      'dispatcher',
      () => ({ method: 'GET', url: '/api/incidents?sort=asc' }),
      'querystring.sort',
    ],
    [
      'incident id too long',
      'dispatcher',
      () => ({ method: 'GET', url: `/api/incidents/${long}` }),
      'params.id',
    ],
    [
      'dispatch with no unit',
      'dispatcher',
      () => ({ method: 'POST', url: `/api/incidents/${incidentId}/dispatch`, payload: { unitIds: [] } }),
      'body.unitIds',
    ],
    [
      'dispatch the same unit twice',
      'dispatcher',
      () => ({
        method: 'POST',
        url: `/api/incidents/${incidentId}/dispatch`,
        payload: { unitIds: [unitId, unitId] },
      }),
      'body.unitIds',
    ],
    [
      'dispatch with unitIds as a string',
      'dispatcher',
      () => ({ method: 'POST', url: `/api/incidents/${incidentId}/dispatch`, payload: { unitIds: unitId } }),
      'body.unitIds',
    ],
    [
      'dispatch with an empty body',
      'dispatcher',
      () => ({ method: 'POST', url: `/api/incidents/${incidentId}/dispatch`, payload: {} }),
      'body.unitIds',
    ],
    [
      'dispatch with unknown role',
      'dispatcher',
      () => ({
        method: 'POST',
        url: `/api/incidents/${incidentId}/dispatch`,
        payload: { unitIds: [unitId], role: 'boss' },
      }),
      'body.role',
    ],
    [
      'cancel with a numeric reason',
      'dispatcher',
      () => ({ method: 'POST', url: `/api/incidents/${incidentId}/cancel`, payload: { reason: 5 } }),
      'body.reason',
    ],
    [
      'resolve without resolution',
      'dispatcher',
      () => ({ method: 'POST', url: `/api/incidents/${incidentId}/resolve`, payload: {} }),
      'body.resolution',
    ],
    [
      'resolve with unknown resolution',
      'dispatcher',
      () => ({
        method: 'POST',
        url: `/api/incidents/${incidentId}/resolve`,
        payload: { resolution: 'shrug' },
      }),
      'body.resolution',
    ],
    [
      'close with a body',
      'dispatcher',
      () => ({ method: 'POST', url: `/api/incidents/${incidentId}/close`, payload: { force: true } }),
      'body.force',
    ],
    [
      'recommendations without lng',
      'dispatcher',
      () => ({ method: 'GET', url: '/api/recommendations?lat=30&type=theft&priority=2' }),
      'querystring.lng',
    ],
    [
      'recommendations latitude 91',
      'dispatcher',
      () => ({ method: 'GET', url: '/api/recommendations?lng=120&lat=91&type=theft&priority=2' }),
      'querystring.lat',
    ],
    [
      'recommendations unknown type',
      'dispatcher',
      () => ({ method: 'GET', url: '/api/recommendations?lng=120&lat=30&type=ufo&priority=2' }),
      'querystring.type',
    ],
    [
      'incident recommendations id too long',
      'dispatcher',
      () => ({ method: 'GET', url: `/api/incidents/${long}/recommendations` }),
      'params.id',
    ],
    [
      'assignment action unknown',
      'dispatcher',
      () => ({ method: 'POST', url: `/api/assignments/${assignmentId}/actions`, payload: { action: 'fly' } }),
      'body.action',
    ],
    [
      'assignment action bad resolution',
      'dispatcher',
      () => ({
        method: 'POST',
        url: `/api/assignments/${assignmentId}/actions`,
        payload: { action: 'clear', resolution: 'nah' },
      }),
      'body.resolution',
    ],
    [
      'assignment route id too long',
      'dispatcher',
      () => ({ method: 'GET', url: `/api/assignments/${long}/route` }),
      'params.id',
    ],
    ['unit id too long', 'dispatcher', () => ({ method: 'GET', url: `/api/units/${long}` }), 'params.id'],
    [
      'unit status unknown',
      'dispatcher',
      () => ({ method: 'POST', url: `/api/units/${unitId}/status`, payload: { status: 'flying' } }),
      'body.status',
    ],
    [
      'unit status version text',
      'dispatcher',
      () => ({
        method: 'POST',
        url: `/api/units/${unitId}/status`,
        payload: { status: 'available', version: 'new' },
      }),
      'body.version',
    ],
    [
      'position longitude 500',
      'admin',
      () => ({ method: 'POST', url: `/api/units/${unitId}/position`, payload: { lng: 500, lat: 30 } }),
      'body.lng',
    ],
    [
      'position negative speed',
      'admin',
      () => ({
        method: 'POST',
        url: `/api/units/${unitId}/position`,
        payload: { lng: 120, lat: 30, speedMps: -3 },
      }),
      'body.speedMps',
    ],
    [
      'position from the future',
      'admin',
      () => ({
        method: 'POST',
        url: `/api/units/${unitId}/position`,
        payload: { lng: 120, lat: 30, at: future() },
      }),
      'body.at',
    ],
    [
      'position batch empty',
      'admin',
      () => ({ method: 'POST', url: '/api/units/positions', payload: { reports: [] } }),
      'body.reports',
    ],
    [
      'position batch latitude 100',
      'admin',
      () => ({
        method: 'POST',
        url: '/api/units/positions',
        payload: {
          reports: [
            { unitId, lng: 120, lat: 30 },
            { unitId, lng: 120, lat: 100 },
          ],
        },
      }),
      'body.reports.1.lat',
    ],
    [
      'position batch with one future report',
      'admin',
      () => ({
        method: 'POST',
        url: '/api/units/positions',
        payload: {
          reports: [
            { unitId, lng: 120.1, lat: 30.1 },
            { unitId, lng: 120, lat: 30, at: future() },
          ],
        },
      }),
      'body.reports.1.at',
    ],
    [
      'unit grid move without grid',
      'admin',
      () => ({ method: 'POST', url: `/api/units/${unitId}/grid`, payload: {} }),
      'body.gridId',
    ],
    [
      'grid minimum -1',
      'admin',
      () => ({ method: 'PATCH', url: `/api/grids/${gridId}`, payload: { minStaffing: { patrol_car: -1 } } }),
      'body.minStaffing.patrol_car',
    ],
    [
      'grid minimum of an unknown kind',
      'admin',
      () => ({ method: 'PATCH', url: `/api/grids/${gridId}`, payload: { minStaffing: { tank: 1 } } }),
      'body.minStaffing.tank',
    ],
    [
      'grid polygon not closed',
      'admin',
      () => ({ method: 'PATCH', url: `/api/grids/${gridId}`, payload: { polygon: square(120, 30, false) } }),
      'body.polygon',
    ],
    [
      'grid empty name',
      'admin',
      () => ({ method: 'PATCH', url: `/api/grids/${gridId}`, payload: { name: '' } }),
      'body.name',
    ],
    [
      'grid import of a Feature',
      'admin',
      () => ({ method: 'POST', url: '/api/grids/import', payload: { type: 'Feature', features: [] } }),
      'body.type',
    ],
    [
      'grid import with one bad feature',
      'admin',
      () => ({
        method: 'POST',
        url: '/api/grids/import',
        payload: {
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: { code: 'NEW-1' }, geometry: square(120, 30) },
            { type: 'Feature', properties: { code: 'NEW-2' }, geometry: square(120, 30, false) },
          ],
        },
      }),
      'body.features',
    ],
    [
      'road import without features',
      'admin',
      () => ({ method: 'POST', url: '/api/map/roads', payload: { type: 'FeatureCollection', features: [] } }),
      'body.features',
    ],
    [
      'road import with no usable road',
      'admin',
      () => ({
        method: 'POST',
        url: '/api/map/roads',
        payload: {
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', geometry: { type: 'Point', coordinates: [120, 30] }, properties: {} },
          ],
        },
      }),
      'body.features',
    ],
    [
      'road import name too long',
      'admin',
      () => ({
        method: 'POST',
        url: `/api/map/roads?name=${'n'.repeat(101)}`,
        payload: { type: 'FeatureCollection', features: [{}] },
      }),
      'querystring.name',
    ],
    [
      'audit from not a time',
      'admin',
      () => ({ method: 'GET', url: '/api/audit?from=monday' }),
      'querystring.from',
    ],
    [
      'audit limit 5000',
      'admin',
      () => ({ method: 'GET', url: '/api/audit?limit=5000' }),
      'querystring.limit',
    ],
    [
      'clock targets of 0 s',
      'admin',
      () => ({
        method: 'PUT',
        url: '/api/settings/clock-targets',
        payload: { dispatchSeconds: 0, firstArrivalSeconds: 180, reinforcementSeconds: 300 },
      }),
      'body.dispatchSeconds',
    ],
    [
      'clock target of 9.2e18 s (the clock would never run out)',
      'admin',
      () => ({
        method: 'PUT',
        url: '/api/settings/clock-targets',
        payload: { dispatchSeconds: 60, firstArrivalSeconds: 9.2e18, reinforcementSeconds: 300 },
      }),
      'body.firstArrivalSeconds',
    ],
    [
      'reinforcement target over an hour',
      'admin',
      () => ({
        method: 'PUT',
        url: '/api/settings/clock-targets',
        payload: { dispatchSeconds: 60, firstArrivalSeconds: 600, reinforcementSeconds: 3601 },
      }),
      'body.reinforcementSeconds',
    ],
    [
      'clock targets incomplete',
      'admin',
      () => ({ method: 'PUT', url: '/api/settings/clock-targets', payload: { dispatchSeconds: 60 } }),
      'body.firstArrivalSeconds',
    ],
    [
      'response plan id differs from URL',
      'admin',
      () => ({ method: 'PUT', url: '/api/settings/response-plans/other', payload: validPlan }),
      'body.id',
    ],
    [
      'response plan without tiers',
      'admin',
      () => ({
        method: 'PUT',
        url: `/api/settings/response-plans/${validPlan.id}`,
        payload: { ...validPlan, tiers: [] },
      }),
      'body.tiers',
    ],
    [
      'response plan with an unknown field (a 100 KB note)',
      'admin',
      () => ({
        method: 'PUT',
        url: `/api/settings/response-plans/${validPlan.id}`,
        payload: { ...validPlan, note: 'x'.repeat(100_000) },
      }),
      'body.note',
    ],
    [
      'response plan with an unknown slot field',
      'admin',
      () => ({
        method: 'PUT',
        url: `/api/settings/response-plans/${validPlan.id}`,
        payload: {
          ...validPlan,
          tiers: [{ ...validPlan.tiers[0]!, slots: [{ ...validPlan.tiers[0]!.slots[0]!, weight: 2 }] }],
        },
      }),
      'body.tiers.0.slots.0.weight',
    ],
    [
      'response plan null',
      'admin',
      () => ({
        method: 'PUT',
        url: `/api/settings/response-plans/${validPlan.id}`,
        payload: 'null',
        headers: { 'content-type': 'application/json' },
      }),
      'body',
    ],
    [
      'cancel with a null body (only an absent body is optional)',
      'dispatcher',
      () => ({
        method: 'POST',
        url: `/api/incidents/${incidentId}/cancel`,
        payload: 'null',
        headers: { 'content-type': 'application/json' },
      }),
      'body',
    ],
    [
      'unit id that is not a UUID',
      'dispatcher',
      () => ({ method: 'GET', url: '/api/units/no-such-unit' }),
      'params.id',
    ],
    [
      'NUL in an incident address',
      'dispatcher',
      () => ({
        method: 'POST',
        url: '/api/incidents',
        payload: { type: 'theft', priority: 2, location: { lng: 120, lat: 30 }, address: 'a\u0000b' },
      }),
      'body.address',
    ],
    [
      'limit=Infinity (Ajv would coerce it past maximum)',
      'dispatcher',
      () => ({ method: 'GET', url: '/api/incidents?limit=Infinity' }),
      'querystring.limit',
    ],
    [
      'unit version beyond int4',
      'admin',
      () => ({
        method: 'POST',
        url: `/api/units/${unitId}/grid`,
        payload: { gridId, version: 1_000_000_000_000 },
      }),
      'body.version',
    ],
    [
      'grid version beyond int4',
      'admin',
      () => ({
        method: 'PATCH',
        url: `/api/grids/${gridId}`,
        payload: { name: 'G', version: 1_099_511_627_776 },
      }),
      'body.version',
    ],
  ];

  it('answers 400 naming the field and writes nothing', async () => {
    const before = await h.counts();
    const unitBefore = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: unitId } });
    const failures: string[] = [];
    for (const [name, user, request, field] of cases) {
      const res = await h.call(user === 'none' ? null : user, request());
      try {
        const error = errorOf(res, 400, 'VALIDATION_FAILED');
        if (!error.field?.startsWith(field))
          failures.push(`${name}: field ${error.field}, expected ${field}`);
      } catch (e) {
        failures.push(`${name}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    await h.app.services.positions.flush();
    expect(await h.counts()).toEqual(before);
    expect(await h.db.prisma.unit.findUniqueOrThrow({ where: { id: unitId } })).toEqual(unitBefore);
  });

  it('reports every rejected grid feature with its index, code and reason', async () => {
    const res = await h.call('admin', {
      method: 'POST',
      url: '/api/grids/import',
      payload: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: 'OK-1' }, geometry: square(120, 30) },
          { type: 'Feature', properties: {}, geometry: square(120, 30) },
          {
            type: 'Feature',
            properties: { code: 'BAD-2' },
            geometry: { type: 'Point', coordinates: [1, 2] },
          },
          { type: 'Feature', properties: { code: 'OK-1' }, geometry: square(121, 30) },
          {
            type: 'Feature',
            properties: { code: 'BAD-4', minStaffing: { patrol_car: 1.5 } },
            geometry: square(120, 30),
          },
        ],
      },
    });
    const error = errorOf(res, 400, 'VALIDATION_FAILED', 'body.features');
    const rejected = (error.details as { rejected: { index: number; code: string | null; reason: string }[] })
      .rejected;
    expect(rejected.map((r) => [r.index, r.code])).toEqual([
      [1, null],
      [2, 'BAD-2'],
      [3, 'OK-1'],
      [4, 'BAD-4'],
    ]);
    expect(rejected[2]!.reason).toBe('duplicate code');
    expect(rejected[3]!.reason).toMatch(/minStaffing\.patrol_car/);
    expect(await h.db.prisma.grid.count({ where: { code: 'OK-1' } })).toBe(0);
  });

  it('ignores a clock target stored before the bounds existed (a clock that would never run out)', async () => {
    const key = 'clock.targets';
    const before = await h.db.prisma.setting.findUnique({ where: { key } });
    await h.db.prisma.setting.upsert({
      where: { key },
      create: { key, value: { dispatchSeconds: 90, firstArrivalSeconds: 9.2e18 } },
      update: { value: { dispatchSeconds: 90, firstArrivalSeconds: 9.2e18 } },
    });
    try {
      const res = await h.call('dispatcher', { method: 'GET', url: '/api/settings/clock-targets' });
      expect(res.json()).toEqual({
        dispatchSeconds: 90,
        firstArrivalSeconds: 180,
        reinforcementSeconds: 300,
      });
    } finally {
      if (before)
        await h.db.prisma.setting.update({ where: { key }, data: { value: before.value as never } });
      else await h.db.prisma.setting.delete({ where: { key } });
    }
  });

  it('answers 401 before looking at a request without a token', async () => {
    const res = await h.call(null, { method: 'GET', url: '/api/incidents' });
    errorOf(res, 401, 'UNAUTHENTICATED');
  });
});
