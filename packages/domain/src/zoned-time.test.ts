import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextDay, zonedDateTime, zonedDay, zonedDayKey, zonedMidnight, zonedParts } from './zoned-time.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
// China has kept UTC+8 without daylight saving since 1991.
const instants = fc.integer({ min: at('1992-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z') });
const days = fc
  .integer({ min: at('1992-01-01T00:00:00Z') / 86_400_000, max: at('2100-01-01T00:00:00Z') / 86_400_000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

describe('zonedParts', () => {
  it('is UTC shifted by eight hours in Asia/Shanghai', () => {
    fc.assert(
      fc.property(instants, (t) => {
        const shifted = new Date(t + 8 * HOUR);
        expect(zonedParts(t, 'Asia/Shanghai')).toEqual({
          year: shifted.getUTCFullYear(),
          month: shifted.getUTCMonth() + 1,
          day: shifted.getUTCDate(),
          hour: shifted.getUTCHours(),
          minute: shifted.getUTCMinutes(),
          second: shifted.getUTCSeconds(),
        });
      }),
    );
  });

  it('follows daylight saving time and names midnight hour 0, not 24', () => {
    expect(zonedParts(at('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toMatchObject({ hour: 1, minute: 59 });
    expect(zonedParts(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toMatchObject({ hour: 3, minute: 0 });
    expect(zonedParts(at('2026-03-01T16:00:00Z'), 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 3,
      day: 2,
      hour: 0,
      minute: 0,
      second: 0,
    });
  });

  it('rejects an unknown time zone', () => {
    expect(() => zonedParts(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('zonedDay, zonedDayKey and zonedDateTime', () => {
  it('format the local day and time', () => {
    const t = at('2026-03-01T02:03:04.567Z');
    expect(zonedDay(t, 'Asia/Shanghai')).toBe('2026-03-01');
    expect(zonedDateTime(t, 'Asia/Shanghai')).toBe('2026-03-01 10:03');
    expect(zonedDateTime(t, 'Asia/Shanghai', { seconds: true })).toBe('2026-03-01 10:03:04');
    expect(zonedDateTime(t, 'America/New_York', { seconds: true })).toBe('2026-02-28 21:03:04');
  });

  it('turn the incident-number day at local midnight', () => {
    expect(zonedDayKey(Date.UTC(2026, 10, 22, 15, 59, 59, 999), 'Asia/Shanghai')).toBe('20261122');
    expect(zonedDayKey(Date.UTC(2026, 10, 22, 16, 0, 0, 0), 'Asia/Shanghai')).toBe('20261123');
    expect(zonedDayKey(Date.UTC(2026, 10, 22, 16, 0, 0, 0), 'UTC')).toBe('20261122');
  });

  it('agree with each other', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'UTC'), (t, tz) => {
        const day = zonedDay(t, tz);
        expect(zonedDayKey(t, tz)).toBe(day.replaceAll('-', ''));
        expect(zonedDateTime(t, tz, { seconds: true }).startsWith(`${zonedDateTime(t, tz)}:`)).toBe(true);
        expect(zonedDateTime(t, tz).slice(0, 10)).toBe(day);
      }),
    );
  });
});

describe('zonedMidnight', () => {
  it('is the start of the local day, across daylight saving changes', () => {
    expect(new Date(zonedMidnight('2026-03-01', 'Asia/Shanghai')).toISOString()).toBe(
      '2026-02-28T16:00:00.000Z',
    );
    // Berlin springs forward on 2026-03-29 and falls back on 2026-10-25 (both at night, after midnight).
    expect(new Date(zonedMidnight('2026-03-29', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(new Date(zonedMidnight('2026-03-30', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    expect(new Date(zonedMidnight('2026-10-25', 'Europe/Berlin')).toISOString()).toBe(
      '2026-10-24T22:00:00.000Z',
    );
    expect(new Date(zonedMidnight('2026-10-26', 'Europe/Berlin')).toISOString()).toBe(
      '2026-10-25T23:00:00.000Z',
    );
  });

  it('bounds every instant of its day', () => {
    fc.assert(
      fc.property(
        instants,
        fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'America/New_York'),
        (t, tz) => {
          const day = zonedDay(t, tz);
          expect(zonedMidnight(day, tz)).toBeLessThanOrEqual(t);
          expect(zonedMidnight(nextDay(day), tz)).toBeGreaterThan(t);
        },
      ),
    );
  });

  it('falls on the day it names at 00:00:00', () => {
    fc.assert(
      fc.property(days, fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'America/New_York'), (day, tz) => {
        expect(zonedDateTime(zonedMidnight(day, tz), tz, { seconds: true })).toBe(`${day} 00:00:00`);
      }),
    );
  });
});

describe('nextDay', () => {
  it('steps over month, leap day and year ends', () => {
    expect(nextDay('2026-03-31')).toBe('2026-04-01');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2024-02-29')).toBe('2024-03-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});
