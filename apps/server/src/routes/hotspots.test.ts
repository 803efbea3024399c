import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HotspotMapDto, HotspotTopDto } from '@dispatch/contracts';
import {
  cellCentre,
  expectedDemand,
  hourOfWeekAt,
  minuteOfWeekAt,
  segmentCells,
  segmentMidpoints,
} from '@dispatch/coverage';
import { createHarness, errorOf, type Harness } from '../test/app-harness.js';

const TZ = 'Asia/Shanghai'; // testConfig's time zone
const MIN = 60_000;
const WEEK = 7 * 24 * 60 * MIN;

describe(`hot spots (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let hot: [number, number];
  let hotGridId: string;
  let sequence = 0;

  beforeAll(async () => {
    h = await createHarness();
    // Keep the incidents around Monday 09:30 clear of now, so none falls after it or 28 days before.
    const offset = (minuteOfWeekAt(h.clock.ms, TZ) - 570 + 10080) % 10080;
    if (offset < 5 || offset > 10075) h.clock.advance(10 * MIN);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The instant `weeksBack` weeks before the latest Monday 09:30 local time before now. */
  const monday0930 = (weeksBack: number) => {
    const now = h.clock.ms;
    const since = (minuteOfWeekAt(now, TZ) - (9 * 60 + 30) + 10080) % 10080 || 10080;
    return now - since * MIN - weeksBack * WEEK;
  };

  const insert = (
    rows: { at: number; lngLat: [number, number]; type?: string; priority?: number; status?: string }[],
  ) =>
    h.db.prisma.incident.createMany({
      data: rows.map((r) => ({
        number: `110-HOTSPOT-${String(++sequence).padStart(5, '0')}`,
        type: (r.type ?? 'theft') as 'theft',
        priority: r.priority ?? 3,
        lng: r.lngLat[0],
        lat: r.lngLat[1],
        receivedAt: new Date(r.at),
        status: (r.status ?? 'closed') as 'closed',
      })),
    });

  const get = async <T>(url: string, user = 'dispatcher') => {
    const res = await h.call(user, { method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };

  it('without history: an empty map, and no segment demand (coverage weighs road length)', async () => {
    const map = await get<HotspotMapDto>('/api/hotspots?hourOfWeek=9');
    expect(map.window.incidents).toBe(0);
    expect(map.cells.features).toEqual([]);
    expect(map.totalExpectedIncidents).toBe(0);
    expect(h.app.services.hotspots.segmentDemand(h.app.services.roads.network!, 9)).toBeNull();
  });

  it('maps expected incidents per cell for an hour of week, from the last 28 days only', async () => {
    const network = h.app.services.roads.network!;
    // A segment midpoint inside a grid: the hot spot. Another point ~5 km away for the excluded incidents.
    const mid = segmentMidpoints(network);
    const s0 = [...Array(network.segmentCount).keys()].find(
      (s) => h.app.services.gridIndex.locate([mid.lng[s]!, mid.lat[s]!]) !== null,
    )!;
    hot = [mid.lng[s0]!, mid.lat[s0]!];
    const far: [number, number] = [hot[0] + 0.04, hot[1] + 0.03];
    const rows = [];
    for (let week = 0; week < 4; week++) {
      for (let i = 0; i < 5; i++) rows.push({ at: monday0930(week) + (i - 2) * MIN, lngLat: hot });
      rows.push({ at: monday0930(week), lngLat: hot, type: 'robbery', priority: 1 });
    }
    // Older than 28 days, cancelled, or received after now: none counts.
    rows.push({ at: monday0930(4) - MIN, lngLat: far });
    rows.push({ at: monday0930(1), lngLat: far, status: 'cancelled' });
    rows.push({ at: h.clock.ms + MIN, lngLat: far });
    await insert(rows);
    const surface = await h.app.services.hotspots.rebuild();
    hotGridId = h.app.services.gridIndex.locate(cellCentre(surface.cells[0]!))!;

    const map = await get<HotspotMapDto>('/api/hotspots?hourOfWeek=9');
    expect(map.window.incidents).toBe(24);
    expect(map.window.days).toBe(28);
    expect(map.resolution).toBe(9);
    expect(map.period).toMatchObject({ kind: 'hour', day: 1, startMinuteOfWeek: 540, endMinuteOfWeek: 600 });
    const [top, ...rest] = map.cells.features;
    expect(top!.geometry.type).toBe('Polygon');
    const ring = top!.geometry.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    // The hot cell holds the incidents: the largest share of the 6 a week expected at Monday 09:00.
    expect(top!.id).toBe(surface.cells[0]);
    expect(top!.properties.expectedIncidents).toBeGreaterThan(rest[0]?.properties.expectedIncidents ?? 0);
    expect(top!.properties.demand).toBeGreaterThan(top!.properties.expectedIncidents);
    // Smoothing spreads some to the neighbouring hours and cells; nothing reaches the far point.
    expect(map.totalExpectedIncidents).toBeGreaterThan(0.5);
    expect(map.totalExpectedIncidents).toBeLessThan(6);
    const farCells = map.cells.features.filter(
      (f) => Math.abs(f.geometry.coordinates[0]![0]![0] - far[0]) < 0.01,
    );
    expect(farCells).toEqual([]);
    // Less at 03:00 on a Thursday than on Monday morning.
    const quiet = await get<HotspotMapDto>('/api/hotspots?hourOfWeek=75');
    expect(quiet.totalExpectedIncidents).toBeLessThan(map.totalExpectedIncidents);
    const limited = await get<HotspotMapDto>('/api/hotspots?hourOfWeek=9&limit=2');
    expect(limited.cells.features).toHaveLength(2);
  });

  it('answers for a shift, now, and the next shift', async () => {
    const day = await get<HotspotMapDto>('/api/hotspots?shift=day&day=1');
    expect(day.period).toMatchObject({ kind: 'shift', shiftId: 'day', shiftName: '白班', day: 1 });
    expect(day.period.hours.map((x) => x.hourOfWeek)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const hour9 = await get<HotspotMapDto>('/api/hotspots?hourOfWeek=9');
    expect(day.totalExpectedIncidents).toBeGreaterThan(hour9.totalExpectedIncidents);
    const now = await get<HotspotMapDto>('/api/hotspots?when=now');
    expect(now.period.hours).toEqual([{ hourOfWeek: hourOfWeekAt(h.clock.ms, TZ), weight: 1 }]);
    expect((await get<HotspotMapDto>('/api/hotspots')).period).toEqual(now.period);
    const next = await get<HotspotMapDto>('/api/hotspots?when=next-shift');
    expect(next.period.kind).toBe('shift');
    const startsIn = (next.period.startMinuteOfWeek - minuteOfWeekAt(h.clock.ms, TZ) + 10080) % 10080;
    expect(startsIn).toBeGreaterThan(0);
    expect(startsIn).toBeLessThanOrEqual(12 * 60);
    const night = await get<HotspotMapDto>('/api/hotspots?shift=night');
    expect(night.period.hours).toHaveLength(12);
  });

  it('lists the top cells per grid with counts and main types', async () => {
    const top = await get<HotspotTopDto>(`/api/hotspots/top?gridId=${hotGridId}`);
    expect(top.grids).toHaveLength(1);
    const [first] = top.grids[0]!.cells;
    expect(first).toMatchObject({
      incidents: 24,
      demand: 20 * 1 + 4 * 4,
      mainTypes: [
        { type: 'theft', count: 20 },
        { type: 'robbery', count: 4 },
      ],
    });
    expect(Math.abs(first!.lngLat[0] - hot[0])).toBeLessThan(0.005);
    const all = await get<HotspotTopDto>('/api/hotspots/top?limit=1', 'supervisor');
    expect(all.grids).toHaveLength(await h.db.prisma.grid.count());
    expect(all.grids.filter((g) => g.cells.length > 0).map((g) => g.gridId)).toEqual([hotGridId]);
  });

  it('refuses bad query parameters, naming the field', async () => {
    const refused: [string, number, string, string][] = [
      ['/api/hotspots?hourOfWeek=168', 400, 'VALIDATION_FAILED', 'querystring.hourOfWeek'],
      ['/api/hotspots?hourOfWeek=-1', 400, 'VALIDATION_FAILED', 'querystring.hourOfWeek'],
      ['/api/hotspots?hourOfWeek=9.5', 400, 'VALIDATION_FAILED', 'querystring.hourOfWeek'],
      ['/api/hotspots?hourOfWeek=monday', 400, 'VALIDATION_FAILED', 'querystring.hourOfWeek'],
      ['/api/hotspots?shift=Day!', 400, 'VALIDATION_FAILED', 'querystring.shift'],
      ['/api/hotspots?shift=evening', 400, 'VALIDATION_FAILED', 'querystring.shift'],
      ['/api/hotspots?shift=day&day=8', 400, 'VALIDATION_FAILED', 'querystring.day'],
      ['/api/hotspots?day=2', 400, 'VALIDATION_FAILED', 'querystring.day'],
      ['/api/hotspots?when=tomorrow', 400, 'VALIDATION_FAILED', 'querystring.when'],
      ['/api/hotspots?hourOfWeek=3&when=now', 400, 'VALIDATION_FAILED', 'querystring.when'],
      ['/api/hotspots?hourOfWeek=3&shift=day', 400, 'VALIDATION_FAILED', 'querystring.shift'],
      ['/api/hotspots?limit=0', 400, 'VALIDATION_FAILED', 'querystring.limit'],
      ['/api/hotspots?limit=5001', 400, 'VALIDATION_FAILED', 'querystring.limit'],
      ['/api/hotspots?radius=3', 400, 'VALIDATION_FAILED', 'querystring.radius'],
      ['/api/hotspots/top?limit=51', 400, 'VALIDATION_FAILED', 'querystring.limit'],
      ['/api/hotspots/top?gridId=', 400, 'VALIDATION_FAILED', 'querystring.gridId'],
      // Not an id at all: refused by its format; a well-formed id nobody has: not found.
      ['/api/hotspots/top?gridId=no-such-grid', 400, 'VALIDATION_FAILED', 'querystring.gridId'],
      [
        '/api/hotspots/top?gridId=00000000-0000-4000-8000-000000000000',
        404,
        'NOT_FOUND',
        'querystring.gridId',
      ],
      ['/api/hotspots/top?grid=x', 400, 'VALIDATION_FAILED', 'querystring.grid'],
    ];
    for (const [url, status, code, field] of refused) {
      errorOf(await h.call('dispatcher', { method: 'GET', url }), status, code, field);
    }
    expect((await h.call('unit001', { method: 'GET', url: '/api/hotspots' })).statusCode).toBe(403);
    expect((await h.call(null, { method: 'GET', url: '/api/hotspots/top' })).statusCode).toBe(401);
  });

  it('spreads an hour’s demand over the road segments for live coverage', () => {
    const service = h.app.services.hotspots;
    const network = h.app.services.roads.network!;
    const weights = service.segmentDemand(network, 9)!;
    expect(weights).toBeInstanceOf(Float64Array);
    expect(weights).toHaveLength(network.segmentCount);
    const surface = service.current()!;
    const total = expectedDemand(surface, 9).reduce((a, b) => a + b, 0);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 9);
    for (let s = 0; s < network.segmentCount; s++) {
      if (network.segMeters[s]! > 0) expect(weights[s]).toBeGreaterThan(0);
    }
    // Roads in the hot cell weigh far more per metre than the city's average.
    const perMeter = (s: number) => weights[s]! / network.segMeters[s]!;
    const bySegment = segmentCells(segmentMidpoints(network), 9);
    const hotCell = bySegment.cellIndex.get(surface.cells[0]!)!;
    const atHot = [...Array(network.segmentCount).keys()].filter(
      (s) => bySegment.cellOfSegment[s] === hotCell,
    );
    const cityMeters = network.segMeters.reduce((a, b) => a + b, 0);
    expect(atHot.length).toBeGreaterThan(0);
    for (const s of atHot) expect(perMeter(s)).toBeGreaterThan((5 * total) / cityMeters);
    // Cached per network, surface and hour; another hour is another array.
    expect(service.segmentDemand(network, 9)).toBe(weights);
    expect(service.segmentDemand(network, 10)).not.toBe(weights);
    expect(service.segmentDemand(network)).toHaveLength(network.segmentCount);
    // A shift (weighted hours) is the weighted sum of its hours; hour 9 stays cached beside it.
    const ten = service.segmentDemand(network, 10)!;
    const shift = service.segmentDemand(network, [
      { hourOfWeek: 9, weight: 1 },
      { hourOfWeek: 10, weight: 0.5 },
    ])!;
    for (let s = 0; s < network.segmentCount; s += 7)
      expect(shift[s]).toBeCloseTo(weights[s]! + 0.5 * ten[s]!, 9);
    expect(service.segmentDemand(network, 9)).toBe(weights);
  });
});
