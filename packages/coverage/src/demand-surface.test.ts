import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INCIDENT_TYPES, PRIORITIES, zonedMidnight } from '@dispatch/domain';
import { gridDisk, latLngToCell } from 'h3-js';
import {
  buildDemandSurface,
  NO_SMOOTHING,
  type IncidentRecord,
  type SmoothingOptions,
} from './demand-surface.js';
import { expectedDemand } from './hotspot-queries.js';
import { HOURS_PER_WEEK } from './hour-of-week.js';

const TZ = 'Asia/Shanghai';
const MONDAY = zonedMidnight('2026-11-02', TZ);
const H = 3_600_000;
const DAY = 24 * H;
const NOW = MONDAY + 28 * DAY;
const WEST_LAKE: [number, number] = [120.15, 30.27];

const incident = (over: Partial<IncidentRecord> = {}): IncidentRecord => ({
  lngLat: WEST_LAKE,
  receivedAt: MONDAY + 9.5 * H,
  priority: 3,
  type: 'theft',
  ...over,
});

/** Incidents around the lake, anywhere in the 28 days before NOW. */
const arbIncident = (from = NOW - 28 * DAY, to = NOW - 1) =>
  fc.record({
    lngLat: fc.tuple(
      fc.double({ min: 120.13, max: 120.17, noNaN: true }),
      fc.double({ min: 30.25, max: 30.29, noNaN: true }),
    ),
    receivedAt: fc.integer({ min: from, max: to }),
    priority: fc.constantFrom(...PRIORITIES),
    type: fc.constantFrom(...INCIDENT_TYPES),
  });
const arbSmoothing: fc.Arbitrary<SmoothingOptions> = fc.record({
  hourKernel: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
  dayPooling: fc.double({ min: 0, max: 1, noNaN: true }),
  profilePrior: fc.double({ min: 0, max: 100, noNaN: true }),
  neighbourShare: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe('buildDemandSurface', () => {
  it('counts an incident in its cell and local hour of week, weighted by priority', () => {
    const s = buildDemandSurface([incident(), incident({ priority: 1, type: 'robbery' })], {
      now: NOW,
      timeZone: TZ,
      smoothing: NO_SMOOTHING,
    });
    expect(s.cells[0]).toBe(latLngToCell(WEST_LAKE[1], WEST_LAKE[0], 9));
    expect(s.dataCellCount).toBe(1);
    expect(s.cells).toHaveLength(7); // and its six neighbours
    expect(s.incidentCount).toBe(2);
    expect(s.totalWeight).toBe(4 + 1);
    expect(s.weight[0]).toBe(5);
    // Four Mondays 09:00-10:00 in the window: 5 weighted incidents in 4 weeks.
    const perWeek = expectedDemand(s, 9);
    expect(perWeek[0]).toBeCloseTo(5 / 4, 12);
    expect(expectedDemand(s, 9, 'incidents')[0]).toBeCloseTo(2 / 4, 12);
    expect(expectedDemand(s, 10)[0]).toBe(0);
    expect(expectedDemand(s, 9 + 24)[0]).toBe(0);
    const robbery = INCIDENT_TYPES.indexOf('robbery');
    expect(s.typeCounts[robbery]).toBe(1);
  });

  it('the window excludes older incidents and those at or after now', () => {
    fc.assert(
      fc.property(
        fc.array(arbIncident(), { maxLength: 40 }),
        fc.array(
          fc.oneof(arbIncident(NOW - 400 * DAY, NOW - 28 * DAY - 1), arbIncident(NOW, NOW + 30 * DAY)),
          { minLength: 1, maxLength: 20 },
        ),
        (inside, outside) => {
          const options = { now: NOW, timeZone: TZ };
          const a = buildDemandSurface(inside, options);
          const b = buildDemandSurface([...outside, ...inside], options);
          expect(b.incidentCount).toBe(inside.length);
          expect(b.skippedCount).toBe(outside.length);
          expect(b.cells).toEqual(a.cells);
          expect(b.demandRate).toEqual(a.demandRate);
        },
      ),
      { numRuns: 40 },
    );
    const edge = buildDemandSurface(
      [incident({ receivedAt: NOW - 28 * DAY }), incident({ receivedAt: NOW })],
      {
        now: NOW,
        timeZone: TZ,
      },
    );
    expect(edge.incidentCount).toBe(1);
    const week = buildDemandSurface([incident({ receivedAt: NOW - 8 * DAY })], {
      now: NOW,
      timeZone: TZ,
      windowDays: 7,
    });
    expect(week.incidentCount).toBe(0);
  });

  it('smoothing keeps the total: rates per week x weeks = the weighted incidents', () => {
    fc.assert(
      fc.property(
        fc.array(arbIncident(), { minLength: 1, maxLength: 60 }),
        arbSmoothing,
        (incidents, smoothing) => {
          const s = buildDemandSurface(incidents, { now: NOW, timeZone: TZ, smoothing });
          const weekly = s.demandRate.reduce((a, b) => a + b, 0);
          expect(weekly * 4).toBeCloseTo(s.totalWeight, 6);
          expect(s.incidentRate.reduce((a, b) => a + b, 0) * 4).toBeCloseTo(incidents.length, 6);
          expect(s.demandRate.every((x) => x >= 0)).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('spreads to neighbouring hours, the same hour on other days and the six neighbouring cells', () => {
    const s = buildDemandSurface([incident()], {
      now: NOW,
      timeZone: TZ,
      smoothing: { hourKernel: [1, 1], dayPooling: 0.5, profilePrior: 0, neighbourShare: 0.6 },
    });
    const home = latLngToCell(WEST_LAKE[1], WEST_LAKE[0], 9);
    const rate = (cell: string, h: number) => s.demandRate[s.cells.indexOf(cell) * HOURS_PER_WEEK + h]!;
    // One P3 incident in 4 weeks: 0.25 per week; a third to each of hours 8, 9, 10 (kernel [1, 1]).
    const own = (0.25 / 3) * 0.5 + (0.25 / 3 / 7) * 0.5;
    expect(rate(home, 9)).toBeCloseTo(own * 0.4, 12);
    expect(rate(home, 8)).toBeCloseTo(own * 0.4, 12);
    expect(rate(home, 11)).toBe(0);
    expect(rate(home, 24 + 9)).toBeCloseTo((0.25 / 3 / 7) * 0.5 * 0.4, 12);
    for (const n of gridDisk(home, 1).filter((c) => c !== home))
      expect(rate(n, 9)).toBeCloseTo((own * 0.6) / 6, 12);
  });

  it('the profile prior lends a quiet cell the city’s rhythm, a busy one keeps its own', () => {
    // A busy cell at Monday 09:00 sets the city's profile; a quiet one has its only incident at 03:00.
    const busy = Array.from({ length: 20 }, () => incident());
    const quiet = incident({ lngLat: [120.25, 30.3], receivedAt: MONDAY + 3.5 * H });
    const s = buildDemandSurface([...busy, quiet], {
      now: NOW,
      timeZone: TZ,
      smoothing: { ...NO_SMOOTHING, profilePrior: 1 },
    });
    const q = s.cells.indexOf(latLngToCell(30.3, 120.25, 9));
    const rate = (cell: number, h: number) => s.demandRate[cell * HOURS_PER_WEEK + h]!;
    // The quiet cell (1 incident) borrows 1 / (1 + 1) of the city's profile; the busy one 1 / 21.
    const total = 0.25; // one P3 incident in 4 weeks
    expect(rate(q, 9)).toBeCloseTo(0.5 * total * (20 / 21), 12);
    expect(rate(q, 3)).toBeCloseTo(0.5 * total + 0.5 * total * (1 / 21), 12);
    expect(rate(0, 9)).toBeCloseTo((20 / 21) * 5 + (1 / 21) * 5 * (20 / 21), 12);
    expect(rate(0, 3)).toBeCloseTo((1 / 21) * 5 * (1 / 21), 12);
  });

  it('P1 weighs more than P4 by default', () => {
    const s = buildDemandSurface(
      [incident({ priority: 1 }), incident({ priority: 4, lngLat: [120.2, 30.3] })],
      { now: NOW, timeZone: TZ },
    );
    expect(s.weight[0]).toBeGreaterThan(s.weight[1]!);
  });

  it('skips records without a usable position, priority or type', () => {
    const s = buildDemandSurface(
      [
        incident({ lngLat: [Number.NaN, 30] }),
        incident({ lngLat: [200, 30] }),
        incident({ priority: 7 as 1 }),
        incident({ type: 'alien' as 'theft' }),
        incident(),
      ],
      { now: NOW, timeZone: TZ },
    );
    expect(s.incidentCount).toBe(1);
    expect(s.skippedCount).toBe(4);
  });

  it('refuses options out of range', () => {
    const base = { now: NOW, timeZone: TZ };
    expect(() => buildDemandSurface([], { ...base, windowDays: 0 })).toThrow(RangeError);
    expect(() => buildDemandSurface([], { ...base, resolution: 16 })).toThrow(RangeError);
    expect(() => buildDemandSurface([], { ...base, smoothing: { dayPooling: 2 } })).toThrow(RangeError);
    expect(() => buildDemandSurface([], { ...base, smoothing: { profilePrior: -1 } })).toThrow(RangeError);
    expect(() => buildDemandSurface([], { ...base, smoothing: { hourKernel: [0] } })).toThrow(RangeError);
    expect(() => buildDemandSurface([], { ...base, priorityWeights: { 1: -1, 2: 1, 3: 1, 4: 1 } })).toThrow(
      RangeError,
    );
    expect(() => expectedDemand(buildDemandSurface([], base), 168)).toThrow(RangeError);
  });

  it('an empty history gives an empty surface', () => {
    const s = buildDemandSurface([], { now: NOW, timeZone: TZ });
    expect(s.cells).toEqual([]);
    expect(s.incidentCount).toBe(0);
    expect(expectedDemand(s, 0)).toEqual(new Float64Array(0));
  });
});
