import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ClockBreachEvent, IncidentDto } from '@dispatch/contracts';
import { createHarness, unitLogins, type Harness } from '../test/app-harness.js';

// The 1-3-5 clocks, driven by the injectable clock: each breach is announced at its deadline,
// recorded once in clock_breach, and announced by one node only.
describe(`clock monitor (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let other: FastifyInstance;
  let logins: Map<string, string>;
  let location: { lng: number; lat: number };
  const breaches: ClockBreachEvent[] = [];

  beforeAll(async () => {
    h = await createHarness();
    other = await h.secondNode();
    logins = await unitLogins(h.db);
    for (const app of [h.app, other]) {
      app.services.bus.subscribe((e) => {
        if (e.name === 'clock:breach') breaches.push(e.payload as ClockBreachEvent);
      });
    }
    const unit = await h.db.prisma.unit.findFirstOrThrow({
      where: { status: 'available', kind: 'patrol_car' },
    });
    location = { lng: unit.lastLng!, lat: unit.lastLat! };
  });
  beforeEach(async () => {
    // Each test starts with no open incident left over, so only its own clocks run.
    await h.db.prisma.incident.updateMany({
      where: { status: { in: ['received', 'dispatched', 'en_route', 'on_scene'] } },
      data: { status: 'cancelled', closedAt: new Date(h.clock.ms) },
    });
    breaches.length = 0;
  });
  afterAll(async () => {
    await h?.close();
  });

  const create = async (type: string, priority: number) => {
    const res = await h.call('dispatcher', {
      method: 'POST',
      url: '/api/incidents',
      payload: { type, priority, location, autoDispatch: false },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<IncidentDto>();
  };
  const rows = (incidentId: string) =>
    h.db.prisma.clockBreach.findMany({ where: { incidentId }, orderBy: { deadline: 'asc' } });
  const tick = () => h.app.services.clocks.tick();

  it('announces the dispatch clock at 60 s, once, and records it once', async () => {
    const t0 = h.clock.ms;
    const incident = await create('theft', 3);
    h.clock.advance(59_999);
    expect(await tick()).toBe(0);
    expect(await rows(incident.id)).toEqual([]);
    h.clock.advance(1);
    expect(await tick()).toBe(1);
    expect(breaches).toEqual([
      {
        incidentId: incident.id,
        incidentNumber: incident.number,
        clock: 'dispatch',
        targetSeconds: 60,
        deadline: t0 + 60_000,
      },
    ]);
    h.clock.advance(5_000);
    expect(await tick()).toBe(0);
    expect(await other.services.clocks.tick()).toBe(0);
    const recorded = await rows(incident.id);
    expect(recorded.map((r) => [r.clock, r.deadline.getTime()])).toEqual([['dispatch', t0 + 60_000]]);
    expect(breaches).toHaveLength(1);
  });

  it('runs the first-arrival and reinforcement clocks, with two nodes announcing each breach once', async () => {
    const t0 = h.clock.ms;
    const incident = await create('fight', 2);
    h.clock.advance(30_000);
    const sent = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/dispatch`,
      payload: { auto: true },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const [a] = sent.json<{ assignments: { id: string; unitId: string }[] }>().assignments;
    h.clock.advance(60_000);
    // Dispatched within the minute: no dispatch breach.
    expect(await tick()).toBe(0);
    h.clock.ms = t0 + 180_000;
    const both = await Promise.all([tick(), other.services.clocks.tick()]);
    expect(both[0] + both[1]).toBe(1);
    expect(breaches.map((b) => b.clock)).toEqual(['first_arrival']);

    // One unit arrives late; the second never does: reinforcement breaches at 300 s.
    h.clock.ms = t0 + 200_000;
    for (const action of ['en_route', 'on_scene']) {
      const res = await h.call(logins.get(a!.unitId)!, {
        method: 'POST',
        url: `/api/assignments/${a!.id}/actions`,
        payload: { action },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    h.clock.ms = t0 + 299_000;
    expect(await tick()).toBe(0);
    h.clock.ms = t0 + 300_000;
    const again = await Promise.all([other.services.clocks.tick(), tick()]);
    expect(again[0] + again[1]).toBe(1);
    expect(breaches.map((b) => b.clock)).toEqual(['first_arrival', 'reinforcement']);
    expect((await rows(incident.id)).map((r) => [r.clock, r.deadline.getTime() - t0])).toEqual([
      ['first_arrival', 180_000],
      ['reinforcement', 300_000],
    ]);
  });

  it('records a clock that stopped after its deadline even if no pass saw it running', async () => {
    const t0 = h.clock.ms;
    const incident = await create('theft', 3);
    h.clock.advance(90_000);
    const sent = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/dispatch`,
      payload: { auto: true },
    });
    expect(sent.statusCode).toBe(200);
    expect(await tick()).toBe(1);
    expect((await rows(incident.id)).map((r) => [r.clock, r.deadline.getTime()])).toEqual([
      ['dispatch', t0 + 60_000],
    ]);
    expect(await tick()).toBe(0);
  });

  it('uses the clock targets set by the shift leader on every node, and ignores ended incidents', async () => {
    const put = (dispatchSeconds: number) =>
      h.call('leader', {
        method: 'PUT',
        url: '/api/settings/clock-targets',
        payload: { dispatchSeconds, firstArrivalSeconds: 180, reinforcementSeconds: 300 },
      });
    expect((await put(30)).statusCode).toBe(200);
    try {
      const t0 = h.clock.ms;
      const incident = await create('theft', 3);
      const cancelled = await create('theft', 3);
      await h.call('dispatcher', { method: 'POST', url: `/api/incidents/${cancelled.id}/cancel` });
      h.clock.ms = t0 + 29_999;
      expect(await other.services.clocks.tick()).toBe(0);
      // Set through node A, applied by node B's monitor too.
      h.clock.ms = t0 + 30_000;
      expect(await other.services.clocks.tick()).toBe(1);
      expect(breaches).toMatchObject([{ incidentId: incident.id, clock: 'dispatch', targetSeconds: 30 }]);
      expect(await rows(cancelled.id)).toEqual([]);
    } finally {
      expect((await put(60)).statusCode).toBe(200);
    }
  });
});
