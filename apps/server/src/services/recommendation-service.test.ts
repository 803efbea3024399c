import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IncidentDto, RecommendationsDto } from '@dispatch/contracts';
import { DEFAULT_RESPONSE_PLANS } from '@dispatch/dispatch';
import { createHarness, freePatrolCarBesides, type Harness } from '../test/app-harness.js';
import { RecommendationService } from './recommendation-service.js';

// The recommendation service keeps the snapped units and the response plans between requests:
// these prove a cached value never hides a change.
describe(`recommendation caches (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let here: { lng: number; lat: number };

  beforeAll(async () => {
    h = await createHarness();
    const me = await h.login('unit001');
    const unit = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: me.unitId! } });
    here = { lng: unit.lastLng!, lat: unit.lastLat! };
  });
  afterAll(async () => {
    await h?.close();
  });

  const recommend = async () => {
    const res = await h.call('dispatcher', {
      method: 'GET',
      url: `/api/recommendations?lng=${here.lng}&lat=${here.lat}&type=theft&priority=3&limit=50`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<RecommendationsDto>();
  };

  /** A free patrol car that is neither unit001 nor among the first five recommended. */
  const farPatrolCar = async (first: RecommendationsDto) => {
    const me = await h.login('unit001');
    return freePatrolCarBesides(h.db, [me.unitId!, ...first.candidates.slice(0, 5).map((c) => c.unitId)]);
  };
  /** A wall position batch moving `unitId` to the incident's spot, as the server publishes it. */
  const showHere = (unitId: string) =>
    h.app.services.bus.publish([
      {
        name: 'unit:positions',
        payload: {
          positions: [
            {
              id: unitId,
              lngLat: [here.lng, here.lat],
              headingDeg: null,
              speedMps: null,
              at: new Date().toISOString(),
            },
          ],
        },
        internal: true,
      },
    ]);
  /** A service warming up after every batch, as a server's does, and the far car it ranks. */
  const warmService = async () => {
    const { ctx, roads, roster, positions } = h.app.services;
    const warm = new RecommendationService(ctx, roads, roster);
    warm.usePositions(positions, true);
    const recommend = () => warm.recommend({ ...theftHere(), limit: 50 });
    const first = await recommend(); // prepared at the stored positions; plans now cached
    const far = await farPatrolCar(first);
    const etaOf = (r: RecommendationsDto) => r.candidates.find((c) => c.unitId === far.id)?.etaSeconds;
    return { recommend, first, far, etaOf };
  };
  const theftHere = () => ({
    lngLat: [here.lng, here.lat] as const,
    type: 'theft' as const,
    priority: 3 as const,
    gridId: null,
  });

  it('ranks a unit that moved by its new position on the next recommendation', async () => {
    const first = await recommend();
    expect(await recommend()).toEqual(first); // nothing moved: the cached preparation answers alike
    // A free patrol car ranked well behind unit001: it drives to the incident's spot.
    const far = await farPatrolCar(first);
    const before = first.candidates.find((c) => c.unitId === far.id);
    const moved = await h.call('admin', {
      method: 'POST',
      url: '/api/units/positions',
      payload: { reports: [{ unitId: far.id, lng: here.lng, lat: here.lat }] },
    });
    expect(moved.statusCode, moved.body).toBe(202);
    await h.app.services.positions.flush();
    const after = (await recommend()).candidates.find((c) => c.unitId === far.id);
    expect(after).toBeDefined();
    expect(after!.etaSeconds).toBeLessThan(before?.etaSeconds ?? Infinity);
    expect(after!.rank).toBeLessThanOrEqual(2);
  });

  it('ranks by the position last shown on the wall once one was broadcast', async () => {
    const first = await recommend();
    const far = await farPatrolCar(first);
    const before = first.candidates.find((c) => c.unitId === far.id);
    showHere(far.id);
    const after = (await recommend()).candidates.find((c) => c.unitId === far.id);
    expect(after).toBeDefined();
    expect(after!.etaSeconds).toBeLessThan(before?.etaSeconds ?? Infinity);
    expect(after!.rank).toBeLessThanOrEqual(3);
  });

  it('applies a response plan edit on the next incident', async () => {
    const create = async () => {
      const res = await h.call('dispatcher', {
        method: 'POST',
        url: '/api/incidents',
        payload: { type: 'fight', priority: 3, location: here, autoDispatch: false },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<IncidentDto>();
    };
    const fight = DEFAULT_RESPONSE_PLANS.find((p) => p.id === 'fight')!;
    expect((await create()).requiredUnits).toBe(fight.requiredUnits); // plans now cached
    const edited = { ...fight, requiredUnits: fight.requiredUnits - 1 };
    const put = await h.call('admin', {
      method: 'PUT',
      url: `/api/settings/response-plans/${fight.id}`,
      payload: edited,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await create()).requiredUnits).toBe(fight.requiredUnits - 1);
  });
  it('plans and recommends the same from a ranked prefix as from the whole ranking', async () => {
    const { ctx, roads, roster } = h.app.services;
    // Prefix 1: most plans need the whole ranking (the fallback path); 8: most are settled on the
    // prefix; Infinity: always the whole ranking.
    const short = new RecommendationService(ctx, roads, roster, 1);
    const mid = new RecommendationService(ctx, roads, roster, 8);
    const whole = new RecommendationService(ctx, roads, roster, Infinity);
    const units = await h.db.prisma.unit.findMany({ where: { lastLng: { not: null } }, take: 12 });
    const types = [
      ['knife_attack', 1],
      ['fight', 2],
      ['theft', 3],
      ['traffic_accident', 2],
      ['missing_person', 2],
    ] as const;
    let filled = 0;
    for (const unit of units) {
      for (const [type, priority] of types) {
        const input = {
          lngLat: [unit.lastLng!, unit.lastLat!] as const,
          type,
          priority,
          gridId: unit.currentGridId,
        };
        const planned = await short.plan({ ...input, next: false });
        expect(planned).toEqual(await whole.plan({ ...input, next: false }));
        expect(await mid.plan({ ...input, next: false })).toEqual(planned);
        expect(await short.plan({ ...input, next: true })).toEqual(
          await whole.plan({ ...input, next: true }),
        );
        expect(await short.recommend({ ...input, limit: 5 })).toEqual(
          await whole.recommend({ ...input, limit: 5 }),
        );
        if (planned.length > 1) filled += 1;
      }
    }
    expect(filled).toBeGreaterThan(10); // the comparison covered real multi-unit plans
  });
  it('after a position batch, the sliced warm-up leaves the ranking a fresh one would give', async () => {
    const { ctx, roads, roster, positions, bus } = h.app.services;
    const warm = new RecommendationService(ctx, roads, roster);
    warm.usePositions(positions);
    const input = {
      lngLat: [here.lng, here.lat] as const,
      type: 'fight' as const,
      priority: 2 as const,
      gridId: null,
    };
    await warm.recommend({ ...input, limit: 30 }); // snapped at the stored positions
    // Hears the same batch, but prepares from scratch on its first ranking.
    const fresh = new RecommendationService(ctx, roads, roster);
    fresh.usePositions(positions);
    // Every unit moves, as under 1 Hz reports (the slicing itself is tested in @dispatch/routing).
    const units = await h.db.prisma.unit.findMany({ where: { lastLng: { not: null } } });
    bus.publish([
      {
        name: 'unit:positions',
        payload: {
          positions: units.map((u, i) => ({
            id: u.id,
            lngLat: [u.lastLng! + ((i % 7) - 3) * 0.0004, u.lastLat! + ((i % 5) - 2) * 0.0004] as [
              number,
              number,
            ],
            headingDeg: null,
            speedMps: null,
            at: new Date().toISOString(),
          })),
        },
        internal: true,
      },
    ]);
    await warm.warmUp();
    const warmed = await warm.recommend({ ...input, limit: 30 });
    expect(warmed).toEqual(await fresh.recommend({ ...input, limit: 30 }));
    expect(warmed.candidates.length).toBeGreaterThan(10);
  });
  it('while a batch is being prepared, ranks by the batch before it, never preparing on the request path', async () => {
    const { ctx, roads, roster, positions } = h.app.services;
    const { recommend, first, far, etaOf } = await warmService();
    // Hears the same batch, and prepares from scratch on its first ranking.
    const fresh = new RecommendationService(ctx, roads, roster);
    fresh.usePositions(positions);
    showHere(far.id);
    // The warm-up runs in slices between other work: a ranking asked for now is not held up by
    // it and answers from the preparation it had (the far car still far away).
    expect(etaOf(await recommend())).toBe(etaOf(first));
    // Once it is done, the car is ranked where the wall shows it, as a fresh service ranks it.
    await vi.waitFor(async () => expect(etaOf(await recommend())).not.toBe(etaOf(first)));
    expect(await recommend()).toEqual(await fresh.recommend({ ...theftHere(), limit: 50 }));
    expect(etaOf(await recommend())).toBeLessThan(etaOf(first) ?? Infinity);
  });
  it('does not lag behind a preparation older than 3 s, even while a warm-up runs', async () => {
    const { recommend, first, far, etaOf } = await warmService();
    const now = performance.now();
    const clock = vi.spyOn(performance, 'now').mockReturnValue(now + 3_500);
    try {
      showHere(far.id);
      // The warm-up has started, but the preparation it would replace is 3.5 s old: this ranking
      // prepares afresh and has the car where it now is.
      expect(etaOf(await recommend())).toBeLessThan(etaOf(first) ?? Infinity);
    } finally {
      clock.mockRestore();
    }
  });
});
