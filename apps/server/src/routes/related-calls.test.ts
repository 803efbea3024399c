import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDto, RelatedCallsDto } from '@dispatch/contracts';
import { createHarness, errorOf, type Harness } from '../test/app-harness.js';

// A degree of latitude is about 111 km: 0.00043 degrees is about 48 m.
const NORTH_48M = 0.00043;

describe(`duplicate and related calls (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let here: { lng: number; lat: number };
  let fight: IncidentDto;

  const create = async (payload: Record<string, unknown>) => {
    const res = await h.call('dispatcher', {
      method: 'POST',
      url: '/api/incidents',
      payload: { location: here, autoDispatch: false, ...payload },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<IncidentDto>();
  };
  const related = async (query: string) => {
    const res = await h.call('dispatcher', { method: 'GET', url: `/api/incidents/related?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<RelatedCallsDto>();
  };

  beforeAll(async () => {
    h = await createHarness();
    const post = await h.db.prisma.post.findFirstOrThrow();
    here = { lng: post.lng, lat: post.lat };
    fight = await create({
      type: 'fight',
      priority: 2,
      callerPhone: '138 0000 0000',
      address: '解放路 88 号',
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a second call 48 m away 30 s later lists the fight, the same phone marked', async () => {
    h.clock.advance(30_000);
    const at = `lng=${here.lng}&lat=${here.lat + NORTH_48M}`;
    const body = await related(`${at}&type=fight&phone=%2B8613800000000`);
    expect(body.open).toHaveLength(1);
    expect(body.open[0]).toMatchObject({ incident: { id: fight.id }, samePhone: true });
    expect(body.open[0]!.distanceMeters).toBeGreaterThan(40);
    expect(body.open[0]!.distanceMeters).toBeLessThan(56);
    // Before the type is chosen too; 1 km away only the same phone brings it.
    expect((await related(at)).open.map((r) => r.incident.id)).toEqual([fight.id]);
    const far = `lng=${here.lng}&lat=${here.lat + 0.009}`;
    expect((await related(`${far}&type=fight`)).open).toEqual([]);
    expect((await related(`${far}&type=fight&phone=13800000000`)).open[0]?.samePhone).toBe(true);
  });

  it("lists the place's past calls of the last 30 days, not the open ones again", async () => {
    const old = await create({ type: 'noise', priority: 4 });
    await h.call('dispatcher', { method: 'POST', url: `/api/incidents/${old.id}/cancel`, payload: {} });
    const body = await related(`lng=${here.lng}&lat=${here.lat}&type=theft`);
    expect(body.history.map((e) => [e.number, e.type, e.status])).toEqual([
      [old.number, 'noise', 'cancelled'],
    ]);
    expect(body.open.map((r) => r.incident.id)).toEqual([fight.id]);
  });

  it('attaches the call as a further caller once, however often retried, audited and pushed', async () => {
    const callId = randomUUID();
    const attach = () =>
      h.call('dispatcher', {
        method: 'POST',
        url: `/api/incidents/${fight.id}/callers`,
        payload: { callId, callerName: '李四', callerPhone: '139 1111 2222', notes: '又打起来了' },
      });
    const first = await attach();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<IncidentDto>()).toMatchObject({ callerCount: 2, version: fight.version + 1 });
    const again = await attach();
    expect(again.json<IncidentDto>().callerCount).toBe(2);
    expect(await h.db.prisma.callRecord.findMany({ where: { incidentId: fight.id } })).toMatchObject([
      { id: callId, callerName: '李四', callerPhone: '139 1111 2222', notes: '又打起来了' },
    ]);
    const detail = await h.call('dispatcher', { method: 'GET', url: `/api/incidents/${fight.id}` });
    const timeline = detail.json<{ timeline: { action: string; after: unknown }[] }>().timeline;
    expect(timeline.filter((e) => e.action === 'incident.caller_added')).toHaveLength(1);
    // The timeline (read by units too) does not carry the second caller's details.
    expect(JSON.stringify(timeline)).not.toContain('139 1111 2222');
  });

  it('refuses a call attached elsewhere, an ended incident, bad input and units, writing nothing', async () => {
    const other = await create({ type: 'theft', priority: 3 });
    const callId = randomUUID();
    const attach = (id: string, payload: Record<string, unknown>, user = 'dispatcher') =>
      h.call(user, { method: 'POST', url: `/api/incidents/${id}/callers`, payload });
    expect((await attach(other.id, { callId })).statusCode).toBe(200);
    const before = await h.digest();
    errorOf(await attach(fight.id, { callId }), 409, 'CONFLICT', 'body.callId');
    // The call was saved as an incident of its own: not a caller of another one.
    errorOf(await attach(fight.id, { callId: other.id }), 409, 'CONFLICT', 'body.callId');
    await h.call('dispatcher', { method: 'POST', url: `/api/incidents/${other.id}/cancel`, payload: {} });
    const afterCancel = await h.digest();
    errorOf(await attach(other.id, { callId: randomUUID() }), 409, 'INCIDENT_CLOSED');
    errorOf(await attach(fight.id, { callId: 'not-a-uuid' }), 400, 'VALIDATION_FAILED', 'body.callId');
    errorOf(await attach(fight.id, { callId: randomUUID(), callerPhone: 'abc' }), 400, 'VALIDATION_FAILED');
    const old = new Date(h.clock.ms - 3 * 3600_000).toISOString();
    errorOf(await attach(fight.id, { callId: randomUUID(), receivedAt: old }), 400, 'VALIDATION_FAILED');
    expect((await attach(fight.id, { callId: randomUUID() }, 'unit001')).statusCode).toBe(403);
    expect(await h.digest()).toEqual(afterCancel);
    expect(before).not.toEqual(afterCancel);
  });
});
