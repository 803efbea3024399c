import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLOCK_TARGETS, type ClockTargets } from '@dispatch/domain';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import {
  expectedReport,
  makeFixture,
  writeFixture,
  type Fixture,
  type OracleFilters,
} from './report-fixtures.js';
import { runResponseTimeReport } from './response-time-report.js';
import { DEFAULT_SHIFTS } from './shifts.js';

const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const TZ = 'Asia/Shanghai';
const FROM = Date.parse('2026-03-01T00:00:00+08:00');
const TO = Date.parse('2026-03-08T00:00:00+08:00');
const AS_OF = TO;

/** Every number equal to 1e-9 s (float sums may differ in the last bit by summation order). */
function expectSame(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected))) {
      throw new Error(`${path}: expected ${expected}, got ${actual}`);
    }
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual, path).toBeTypeOf('object');
    expect(actual, path).not.toBeNull();
    if (Array.isArray(expected)) {
      expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    } else {
      expect(Object.keys(actual as object).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    }
    for (const [k, v] of Object.entries(expected))
      expectSame((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe(`response-time review (${engine})`, () => {
  let db: TestDatabase;
  let fx: Fixture;
  beforeAll(async () => {
    db = await createTestDatabase();
    fx = makeFixture({
      seed: 135,
      start: Date.parse('2026-02-20T00:00:00+08:00'),
      end: Date.parse('2026-04-02T00:00:00+08:00'),
      count: 1500,
      asOf: AS_OF,
    });
    await writeFixture(db.runner, fx);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function check(
    filters: OracleFilters,
    options: {
      from?: number;
      to?: number;
      tz?: string;
      asOf?: number;
      targets?: ClockTargets;
      limit?: number;
    } = {},
  ) {
    const q = {
      from: options.from ?? FROM,
      to: options.to ?? TO,
      tz: options.tz ?? TZ,
      asOf: options.asOf ?? AS_OF,
      targets: options.targets ?? DEFAULT_CLOCK_TARGETS,
      filters,
      limit: options.limit ?? 15,
    };
    const report = await runResponseTimeReport(db.runner, {
      from: new Date(q.from),
      to: new Date(q.to),
      timeZone: q.tz,
      asOf: new Date(q.asOf),
      targets: q.targets,
      filters,
      slowestLimit: q.limit,
    });
    const expected = expectedReport(fx, q);
    const { from: _f, to: _t, ...current } = report.current;
    const { from: _pf, to: _pt, ...previous } = report.previous;
    expectSame(current, expected.current, 'current');
    expectSame(previous, expected.previous, 'previous');
    expectSame(report.resolutionByType, expected.resolutionByType, 'resolutionByType');
    expectSame(report.byDay, expected.byDay, 'byDay');
    expectSame(report.byHour, expected.byHour, 'byHour');
    expectSame(report.slowest, expected.slowest, 'slowest');
    expect(report.previous.to).toBe(new Date(q.from).toISOString());
    expect(report.previous.from).toBe(new Date(q.from - (q.to - q.from)).toISOString());
    expectSame(
      report.deltas.incidents,
      expected.current.counts.incidents - expected.previous.counts.incidents,
    );
    const c = expected.current.segments.callToOnScene.median;
    const p = expected.previous.segments.callToOnScene.median;
    expectSame(report.deltas.segments.callToOnScene.median, c !== null && p !== null ? c - p : null);
    return { report, expected };
  }

  it('matches an independent computation without filters, edge cases included', async () => {
    const { report, expected } = await check({});
    // The fixture really exercises the edge cases.
    const counts = expected.current.counts;
    expect(counts.incidents).toBeGreaterThan(200);
    expect(counts.neverDispatched).toBeGreaterThan(10);
    expect(counts.cancelled).toBeGreaterThan(10);
    expect(counts.multiUnit).toBeGreaterThan(20);
    expect(counts.open).toBeGreaterThan(3);
    expect(report.current.segments.dispatchToEnRoute.n).toBeLessThan(
      report.current.segments.callToDispatch.n,
    );
    expect(report.current.shares.dispatch.missed).toBeGreaterThan(0);
    expect(
      report.current.shares.reinforcement.met + report.current.shares.reinforcement.missed,
    ).toBeGreaterThan(0);
    expect(report.byDay).toHaveLength(7);
    expect(report.byHour).toHaveLength(24);
    expect(report.slowest).toHaveLength(15);
  });

  it('judges clocks still running at asOf like the live clocks', async () => {
    // Only the four hand-placed incidents of the last 10 minutes.
    const { report } = await check({}, { from: AS_OF - 11 * 60_000, to: AS_OF });
    expect(report.current.counts.incidents).toBe(4);
    // 30 s ago: running; 90 s and 10 min ago: missed; dispatched after 20 s: met.
    expect(report.current.shares.dispatch).toMatchObject({ met: 1, missed: 2 });
    // Arrival owed only by the 10-minute-old call (the others are within 180 s).
    expect(report.current.shares.firstArrival).toMatchObject({ met: 0, missed: 1, share: 0 });
  });

  it.each<[string, OracleFilters]>([
    ['grid and priority', { gridId: 'g2', priority: 2 }],
    ['type', { type: 'theft' }],
    ['night shift (wraps midnight)', { shift: DEFAULT_SHIFTS[1]! }],
    ['day shift', { shift: DEFAULT_SHIFTS[0]! }],
    ['unit', { unitId: 'u007' }],
    ['everything at once', { gridId: 'g1', shift: DEFAULT_SHIFTS[0]!, priority: 1 }],
  ])('matches with filter: %s', async (_name, filters) => {
    const { expected } = await check(filters);
    expect(expected.current.counts.incidents).toBeGreaterThan(0);
  });

  it('uses the configured targets and another time zone (DST change inside the range)', async () => {
    const targets = { dispatchSeconds: 45, firstArrivalSeconds: 240, reinforcementSeconds: 420 };
    const { report } = await check(
      {},
      {
        tz: 'Europe/Berlin',
        from: Date.parse('2026-03-26T00:00:00+01:00'),
        to: Date.parse('2026-04-01T00:00:00+02:00'),
        asOf: Date.parse('2026-04-03T00:00:00Z'),
        targets,
      },
    );
    expect(report.current.shares.dispatch.targetSeconds).toBe(45);
  });

  it('returns empty statistics as null for a period without incidents', async () => {
    const { report } = await check(
      {},
      { from: Date.parse('2025-01-01T00:00:00Z'), to: Date.parse('2025-01-02T00:00:00Z') },
    );
    expect(report.current.counts.incidents).toBe(0);
    expect(report.current.segments.callToOnScene).toEqual({ n: 0, median: null, p90: null, mean: null });
    expect(report.current.shares.dispatch.share).toBeNull();
    expect(report.slowest).toEqual([]);
  });
});
