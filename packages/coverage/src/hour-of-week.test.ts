import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonedMidnight } from '@dispatch/domain';
import {
  hourOfWeekAt,
  hourOfWeekReader,
  hoursBetween,
  minuteOfWeekAt,
  nextShift,
  shiftOccurrence,
  shiftOfWeek,
  windowClock,
} from './hour-of-week.js';

const TZ = 'Asia/Shanghai';
const MONDAY = zonedMidnight('2026-11-02', TZ);
const H = 3_600_000;
const day = { id: 'day', startMinute: 480, endMinute: 1200 };
const night = { id: 'night', startMinute: 1200, endMinute: 480 };

describe('hour of week', () => {
  it('counts from Monday 00:00 local time', () => {
    expect(hourOfWeekAt(MONDAY, TZ)).toBe(0);
    expect(hourOfWeekAt(MONDAY + 9.5 * H, TZ)).toBe(9);
    expect(hourOfWeekAt(MONDAY + 7 * 24 * H - 1, TZ)).toBe(167);
    expect(hourOfWeekAt(MONDAY + 7 * 24 * H, TZ)).toBe(0);
    expect(minuteOfWeekAt(MONDAY + 25 * H + 90_000, TZ)).toBe(1501);
    // The same instant is Sunday 16:00 in UTC.
    expect(hourOfWeekAt(MONDAY, 'UTC')).toBe(6 * 24 + 16);
  });

  it('the quarter-hour reader agrees with zonedParts everywhere, DST and half-hour zones included', () => {
    const zones = [
      'Asia/Shanghai',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
    ];
    const readers = new Map(zones.map((z) => [z, hourOfWeekReader(z)]));
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, at) => readers.get(zone)!(at) === hourOfWeekAt(at, zone),
      ),
      { numRuns: 2000 },
    );
  });

  it('a window clock agrees with zonedParts for every instant of its window', () => {
    const zones = [
      'Asia/Shanghai',
      'Europe/Berlin',
      'America/Santiago',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.integer({ min: 1, max: 400 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (zone, from, days, at) => {
          const to = from + days * 24 * H;
          const clock = windowClock(from, to, zone);
          for (const u of at) {
            const t = Math.min(to - 1, Math.floor(from + u * (to - from)));
            expect(clock.hourOf(t)).toBe(hourOfWeekAt(t, zone));
          }
          expect(clock.exposure.reduce((a, b) => a + b, 0)).toBeCloseTo(days * 24, 6);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('exposure: 4 hours of each hour of week in 28 days; a DST change moves one hour', () => {
    const e = windowClock(MONDAY, MONDAY + 28 * 24 * H, TZ).exposure;
    expect([...e].every((x) => x === 4)).toBe(true);
    // Berlin leaves summer time on Sunday 2026-10-25: 03:00 back to 02:00.
    const from = zonedMidnight('2026-10-12', 'Europe/Berlin');
    const berlin = windowClock(from, from + 28 * 24 * H, 'Europe/Berlin').exposure;
    expect(berlin.reduce((a, b) => a + b, 0)).toBeCloseTo(28 * 24, 9);
    expect(berlin[6 * 24 + 2]).toBe(5);
    expect([...berlin].filter((x) => x !== 4)).toHaveLength(2);
    // Every quarter hour around both of 2026's changes, and Lord Howe's half-hour one.
    for (const [zone, day] of [
      ['Europe/Berlin', '2026-10-25'],
      ['Europe/Berlin', '2026-03-29'],
      ['Australia/Lord_Howe', '2026-04-05'],
    ] as const) {
      const start = zonedMidnight(day, zone) - 24 * H;
      const clock = windowClock(start, start + 72 * H, zone);
      for (let t = start; t < start + 72 * H; t += 900_000)
        expect(clock.hourOf(t)).toBe(hourOfWeekAt(t, zone));
    }
  });

  it('hoursBetween weighs partial hours and wraps past the end of the week', () => {
    expect(hoursBetween(510, 630)).toEqual([
      { hourOfWeek: 8, weight: 0.5 },
      { hourOfWeek: 9, weight: 1 },
      { hourOfWeek: 10, weight: 0.5 },
    ]);
    const wrap = hoursBetween(6 * 1440 + 1380, 60);
    expect(wrap).toEqual([
      { hourOfWeek: 167, weight: 1 },
      { hourOfWeek: 0, weight: 1 },
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10079 }), fc.integer({ min: 1, max: 10080 }), (start, length) => {
        const total = hoursBetween(start, start + length).reduce((a, h) => a + h.weight, 0);
        return Math.abs(total - length / 60) < 1e-9;
      }),
    );
  });

  it('shifts: the night shift running at Monday 03:00 started on Sunday; the next shift is Monday day', () => {
    expect(shiftOfWeek(night, 6).hours.map((h) => h.hourOfWeek)).toEqual([
      164, 165, 166, 167, 0, 1, 2, 3, 4, 5, 6, 7,
    ]);
    const running = shiftOccurrence(night, 180);
    expect(running.day).toBe(6);
    expect(running.startMinuteOfWeek).toBe(6 * 1440 + 1200);
    expect(shiftOccurrence(night, 180, true).day).toBe(0);
    expect(shiftOccurrence(day, 180).day).toBe(0);
    const next = nextShift([day, night], 180)!;
    expect(next).toMatchObject({ id: 'day', day: 0, startMinuteOfWeek: 480 });
    // Sunday 21:00: the next one is Monday's day shift, in the next week.
    expect(nextShift([day, night], 6 * 1440 + 1260)).toMatchObject({ id: 'day', day: 0 });
    expect(nextShift([], 0)).toBeNull();
  });
});
