import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageDto, StandbyOrderDto, StandbyRecommendationsDto } from '@dispatch/contracts';
import { segmentMidpoints } from '@dispatch/coverage';
import { createHarness, errorOf, type Harness } from '../test/app-harness.js';

const WEEK_MS = 7 * 86_400_000;
const URL = '/api/standby/recommendations';

describe(`standby recommendations (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let stationOf: Map<string, string | null>;

  beforeAll(async () => {
    h = await createHarness();
    stationOf = new Map(
      (await h.db.prisma.grid.findMany({ select: { id: true, stationId: true } })).map((g) => [
        g.id,
        g.stationId,
      ]),
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  const get = async (query = '', user = 'supervisor') => {
    const res = await h.call(user, { method: 'GET', url: `${URL}${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<StandbyRecommendationsDto>();
  };
  const coverage = async () => {
    await h.app.services.coverage.recompute();
    const res = await h.call('supervisor', { method: 'GET', url: '/api/coverage' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CoverageDto>();
  };

  it('puts every free car at a point in its home grid or its station area, posts and drones stay', async () => {
    const plan = await get();
    const free = await h.db.prisma.unit.findMany({
      where: { status: 'available', lastLng: { not: null } },
      select: { id: true, kind: true, homeGridId: true },
    });
    const cars = free.filter((u) => u.kind === 'patrol_car' || u.kind === 'motorcycle');
    expect(cars.length).toBeGreaterThan(10);
    expect(plan.units.map((u) => u.unitId).sort()).toEqual(cars.map((u) => u.id).sort());
    expect(plan.skipped.map((s) => s.unitId).sort()).toEqual(
      free
        .filter((u) => !cars.includes(u))
        .map((u) => u.id)
        .sort(),
    );
    for (const s of plan.skipped) expect(s.reason).toBe('not_driving');
    for (const u of plan.units) {
      const home = u.homeGridId;
      if (home === null) continue;
      const sameStation =
        stationOf.get(home) !== null && stationOf.get(u.point.gridId) === stationOf.get(home);
      expect(u.point.gridId === home || sameStation, `${u.callSign} waits in ${u.point.gridId}`).toBe(true);
      expect(u.travelSeconds).not.toBeNull();
      expect(u.expectedGain5).toBeGreaterThanOrEqual(0);
      expect(u.expectedGain5).toBeLessThanOrEqual(1);
    }
    // At least one car is told to wait in its home grid while standing elsewhere, or somewhere new.
    expect(plan.units.some((u) => u.travelSeconds! > 30)).toBe(true);
    // The greedy's order: each step adds no more than the one before it.
    const gains = plan.units.map((u) => u.expectedGain3 + u.expectedGain5);
    for (let i = 1; i < gains.length; i++) expect(gains[i]!).toBeLessThanOrEqual(gains[i - 1]! + 1e-4);
    expect(plan.period).toMatchObject({ kind: 'hour' });
    expect(plan.demandModel).toBe('length');
    // Without history every hour weighs road length alike: the same plan serves another hour.
    const other = await get(`?hour=${(plan.period.hours[0]!.hourOfWeek + 12) % 168}`);
    expect(other.cached).toBe(true);
    expect(other.computedAt).toBe(plan.computedAt);
    expect(other.period.hours[0]!.hourOfWeek).toBe((plan.period.hours[0]!.hourOfWeek + 12) % 168);
  });

  it('serves the same plan again from its cache, and a new one when the fleet changes', async () => {
    h.app.services.standbyPlan.clear();
    const [a, b] = await Promise.all([get(), get()]);
    expect([a.cached, b.cached].sort()).toEqual([false, true]);
    expect(b.computedAt).toBe(a.computedAt);
    const again = await get();
    expect(again.cached).toBe(true);
    // A car goes off duty: it is no longer planned for.
    const gone = a.units[0]!.unitId;
    const res = await h.call('admin', {
      method: 'POST',
      url: `/api/units/${gone}/status`,
      payload: { status: 'off_duty' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const next = await get();
    expect(next.cached).toBe(false);
    expect(next.units.map((u) => u.unitId)).not.toContain(gone);
    await h.call('admin', {
      method: 'POST',
      url: `/api/units/${gone}/status`,
      payload: { status: 'available' },
    });
  });

  it('raises coverage for the hour: live coverage once the cars stand at their points', async () => {
    // History at a few road points, at this hour of week in the last three weeks: hot spots.
    const network = h.app.services.roads.network!;
    const mid = segmentMidpoints(network);
    const inGrids = [...Array(network.segmentCount).keys()].filter(
      (s) => h.app.services.gridIndex.locate([mid.lng[s]!, mid.lat[s]!]) !== null,
    );
    const spots = [0, 0.3, 0.6, 0.9].map((f) => inGrids[Math.floor(f * (inGrids.length - 1))]!);
    let n = 0;
    await h.db.prisma.incident.createMany({
      data: spots.flatMap((s) =>
        [1, 2, 3].flatMap((week) =>
          [0, 1, 2].map(() => ({
            number: `110-STANDBY-${String(++n).padStart(4, '0')}`,
            type: 'theft' as const,
            priority: 2,
            lng: mid.lng[s]!,
            lat: mid.lat[s]!,
            receivedAt: new Date(h.clock.ms - week * WEEK_MS + 60_000),
            status: 'closed' as const,
          })),
        ),
      ),
    });
    await h.app.services.hotspots.rebuild();
    // The cars are all back at one depot (the demo city is fully covered with them spread out).
    const cars = (await get()).units;
    const depot = cars[0]!.lngLat;
    const report = async (at: (u: (typeof cars)[number]) => [number, number]) => {
      const res = await h.call('admin', {
        method: 'POST',
        url: '/api/units/positions',
        payload: { reports: cars.map((u) => ({ unitId: u.unitId, lng: at(u)[0], lat: at(u)[1] })) },
      });
      expect(res.statusCode, res.body).toBe(202);
      await h.app.services.positions.flush();
      // A plan for the same cars is reused for 15 s while they drive: step past that.
      h.clock.advance(20_000);
    };
    await report(() => depot);

    const live = await coverage();
    expect(live.demandModel).toBe('hotspots');
    const plan = await get('?hour=now');
    expect(plan.demandModel).toBe('hotspots');
    // `before` is what live coverage shows now, grid by grid.
    const liveBefore = new Map(live.grids.map((g) => [g.gridId, g]));
    for (const g of plan.grids) {
      expect(g.before.demandShare3).toBeCloseTo(liveBefore.get(g.gridId)!.demandShare3, 6);
      expect(g.before.demandShare5).toBeCloseTo(liveBefore.get(g.gridId)!.demandShare5, 6);
    }
    expect(plan.city.after.demandShare3).toBeGreaterThanOrEqual(plan.city.before.demandShare3);
    expect(plan.city.after.demandShare5).toBeGreaterThanOrEqual(plan.city.before.demandShare5);
    // Posts and drones still reach some demand from where they stand (0.70 within 3 min here).
    expect(plan.city.before.demandShare3).toBeLessThan(0.9);
    expect(plan.city.after.demandShare3).toBeGreaterThan(plan.city.before.demandShare3 + 0.1);
    expect(plan.units.map((u) => u.unitId).sort()).toEqual(cars.map((u) => u.unitId).sort());

    // The cars drive there (their terminals report the points), and live coverage follows the plan.
    await report((u) => plan.units.find((p) => p.unitId === u.unitId)!.point.lngLat);
    const moved = await coverage();
    const liveAfter = new Map(moved.grids.map((g) => [g.gridId, g]));
    for (const g of plan.grids) {
      expect(liveAfter.get(g.gridId)!.demandShare3, g.gridId).toBeCloseTo(g.after.demandShare3, 6);
      expect(liveAfter.get(g.gridId)!.demandShare5, g.gridId).toBeCloseTo(g.after.demandShare5, 6);
    }
    // Standing at their points, the plan keeps them there: nothing left to gain by moving.
    const settled = await get('?hour=now');
    expect(settled.city.before.demandShare3).toBeCloseTo(plan.city.after.demandShare3, 6);
  });

  it('filters by grid, plans for the next shift or any hour of week, and a unit on standby stays listed', async () => {
    const city = await get('?hour=30');
    expect(city.period).toMatchObject({ kind: 'hour', hours: [{ hourOfWeek: 30, weight: 1 }], day: 2 });
    const gridId = city.units[0]!.point.gridId;
    const one = await get(`?hour=30&gridId=${gridId}`);
    expect(one.gridId).toBe(gridId);
    expect(one.grids.map((g) => g.gridId)).toEqual([gridId]);
    expect(one.units.length).toBeGreaterThan(0);
    for (const u of one.units) expect([u.point.gridId, u.homeGridId]).toContain(gridId);
    expect(one.units.map((u) => u.unitId)).toEqual(
      city.units.filter((u) => u.point.gridId === gridId || u.homeGridId === gridId).map((u) => u.unitId),
    );

    const shift = await get('?hour=next-shift');
    expect(shift.period.kind).toBe('shift');
    expect(shift.period.hours.length).toBeGreaterThan(1);

    // Sent to its point, a car stays free and on the list.
    const first = one.units[0]!;
    const sent = await h.call('supervisor', {
      method: 'POST',
      url: `/api/units/${first.unitId}/standby`,
      payload: { lngLat: first.point.lngLat, note: '推荐待命点', gain: first.expectedGain5 },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json<StandbyOrderDto>().gain).toBe(first.expectedGain5);
    const after = await get(`?hour=30&gridId=${gridId}`);
    expect(after.units.map((u) => u.unitId)).toContain(first.unitId);
  });

  it('is for staff who read coverage; a bad hour or grid names the field', async () => {
    errorOf(await h.call('unit001', { method: 'GET', url: URL }), 403, 'FORBIDDEN');
    expect((await h.call(null, { method: 'GET', url: URL })).statusCode).toBe(401);
    await get('', 'dispatcher');
    for (const hour of ['168', '-1', 'tomorrow', '1.5', '007'])
      errorOf(
        await h.call('supervisor', { method: 'GET', url: `${URL}?hour=${hour}` }),
        400,
        'VALIDATION_FAILED',
        'querystring.hour',
      );
    errorOf(
      await h.call('supervisor', { method: 'GET', url: `${URL}?gridId=nope` }),
      400,
      'VALIDATION_FAILED',
      'querystring.gridId',
    );
    errorOf(
      await h.call('supervisor', {
        method: 'GET',
        url: `${URL}?gridId=00000000-0000-4000-8000-000000000000`,
      }),
      404,
      'NOT_FOUND',
    );
  });
});
