import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDto, RouteDto, StandbyOrderDto, StandbyUpdatedEvent } from '@dispatch/contracts';
import type { OutgoingEvent } from './event-bus.js';
import { createHarness, errorOf, unitLogins, type Harness } from '../test/app-harness.js';

describe(`standby orders (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let logins: Map<string, string>;
  let unitId: string;
  let otherUnitId: string;
  const events: OutgoingEvent[] = [];

  beforeAll(async () => {
    h = await createHarness();
    logins = await unitLogins(h.db);
    unitId = (await h.login('unit001')).unitId!;
    otherUnitId = (
      await h.db.prisma.unit.findFirstOrThrow({
        where: { status: 'available', kind: 'patrol_car', id: { not: unitId } },
      })
    ).id;
    h.app.services.bus.subscribe((e) => {
      if (e.name === 'standby:updated') events.push(e);
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const unitAt = async (id: string) => {
    const u = await h.db.prisma.unit.findUniqueOrThrow({ where: { id } });
    return [u.lastLng! + 0.003, u.lastLat! + 0.002] as [number, number];
  };
  const order = (who: string, id: string, payload: unknown) =>
    h.call(who, { method: 'POST', url: `/api/units/${id}/standby`, payload: payload as object });

  it('orders a free unit to a point, tells its terminal and the wall, and shows the route there', async () => {
    const lngLat = await unitAt(unitId);
    const res = await order('supervisor', unitId, { lngLat, note: '夜市东口' });
    expect(res.statusCode, res.body).toBe(201);
    const dto = res.json<StandbyOrderDto>();
    expect(dto).toMatchObject({ unitId, lngLat, reason: 'standby', note: '夜市东口', status: 'active' });
    const last = events.at(-1)!;
    expect(last.rooms).toEqual(['wall', `unit:${unitId}`]);
    expect((last.payload as StandbyUpdatedEvent).order?.id).toBe(dto.id);
    // The unit stays free for calls.
    expect((await h.db.prisma.unit.findUniqueOrThrow({ where: { id: unitId } })).status).toBe('available');
    const mine = await h.call('unit001', { method: 'GET', url: `/api/units/${unitId}/standby` });
    expect(mine.json<{ order: StandbyOrderDto }>().order.id).toBe(dto.id);
    const route = await h.call('unit001', { method: 'GET', url: `/api/units/${unitId}/standby/route` });
    expect(route.statusCode, route.body).toBe(200);
    expect(route.json<RouteDto>().coordinates.length).toBeGreaterThan(1);
    const audit = await h.db.prisma.auditEvent.findFirst({
      where: { action: 'unit.standby', entityId: unitId },
    });
    expect(audit?.after).toMatchObject({ id: dto.id });
  });

  it('replaces the active order, one active order per unit even when two dispatchers race', async () => {
    const lngLat = await unitAt(otherUnitId);
    const replies = await Promise.all([
      order('dispatcher', otherUnitId, { lngLat }),
      order('dispatcher2', otherUnitId, { lngLat: [lngLat[0] + 0.001, lngLat[1]] }),
    ]);
    for (const r of replies) expect(r.statusCode, r.body).toBe(201);
    const rows = await h.db.prisma.standbyOrder.findMany({ where: { unitId: otherUnitId } });
    expect(rows.filter((r) => r.status === 'active')).toHaveLength(1);
    expect(rows.filter((r) => r.endReason === 'replaced')).toHaveLength(1);
  });

  it('ends the order when the unit is dispatched', async () => {
    const incident = await h.call('dispatcher', {
      method: 'POST',
      url: '/api/incidents',
      payload: { type: 'theft', priority: 3, autoDispatch: false, location: { lng: 0.001, lat: 0.001 } },
    });
    const id = incident.json<IncidentDto>().id;
    const before = events.length;
    const sent = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${id}/dispatch`,
      payload: { unitIds: [unitId] },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ended = events.slice(before).map((e) => e.payload as StandbyUpdatedEvent);
    expect(ended).toEqual([
      expect.objectContaining({
        unitId,
        order: null,
        ended: expect.objectContaining({ endReason: 'dispatched' }),
      }),
    ]);
    expect(await h.app.services.standby.current(unitId)).toBeNull();
  });

  it('refuses busy units, bad points, unknown fields and callers without the permission, writing nothing', async () => {
    const lngLat = await unitAt(otherUnitId);
    const counts = await h.db.prisma.standbyOrder.count();
    errorOf(await order('dispatcher', unitId, { lngLat }), 409, 'UNIT_NOT_AVAILABLE');
    errorOf(
      await order('dispatcher', otherUnitId, { lngLat: [200, 0] }),
      400,
      'VALIDATION_FAILED',
      // The schema bounds the tuple (LngLatTuple), naming the coordinate.
      'body.lngLat.0',
    );
    expect((await order('dispatcher', otherUnitId, { lngLat, extra: 1 })).statusCode).toBe(400);
    expect((await order('leader', otherUnitId, { lngLat })).statusCode).toBe(403);
    expect((await order('unit001', otherUnitId, { lngLat })).statusCode).toBe(403);
    const other = logins.get(otherUnitId)!;
    expect(
      (await h.call('unit001', { method: 'GET', url: `/api/units/${otherUnitId}/standby` })).statusCode,
    ).toBe(403);
    expect(
      (await h.call(other, { method: 'GET', url: `/api/units/${otherUnitId}/standby` })).statusCode,
    ).toBe(200);
    expect(await h.db.prisma.standbyOrder.count()).toBe(counts);
  });

  it('cancels an order, audited', async () => {
    const res = await h.call('dispatcher', { method: 'DELETE', url: `/api/units/${otherUnitId}/standby` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<StandbyOrderDto>()).toMatchObject({ status: 'ended', endReason: 'cancelled' });
    expect(
      (await h.call('dispatcher', { method: 'DELETE', url: `/api/units/${otherUnitId}/standby` })).statusCode,
    ).toBe(404);
  });
});
