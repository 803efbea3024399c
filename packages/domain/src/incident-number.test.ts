import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIncidentNumber, parseIncidentNumber } from './incident-number.js';
import { zonedDayKey } from './zoned-time.js';

describe('formatIncidentNumber', () => {
  it('formats the centre prefix, date and padded sequence', () => {
    expect(formatIncidentNumber('20261123', 1)).toEqual({ ok: true, value: '110-20261123-0001' });
    expect(formatIncidentNumber('20261123', 123)).toEqual({ ok: true, value: '110-20261123-0123' });
    expect(formatIncidentNumber('20261123', 12345)).toEqual({ ok: true, value: '110-20261123-12345' });
  });

  it('rejects impossible days and sequences', () => {
    for (const [date, seq] of [
      ['20260230', 1],
      ['2026113', 1],
      ['2026-11-23', 1],
      ['20261123', 0],
      ['20261123', 1.5],
    ] as const) {
      const r = formatIncidentNumber(date, seq);
      expect(!r.ok && r.error.code).toBe('VALIDATION_FAILED');
    }
    expect(formatIncidentNumber('20240229', 1).ok).toBe(true);
  });

  it('round-trips through parseIncidentNumber', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 999_999 }),
        (date, seq) => {
          const key = zonedDayKey(date.getTime(), 'UTC');
          const formatted = formatIncidentNumber(key, seq);
          if (!formatted.ok) throw new Error('format failed');
          expect(parseIncidentNumber(formatted.value)).toEqual({
            ok: true,
            value: { dateKey: key, sequence: seq },
          });
        },
      ),
    );
  });
});

describe('parseIncidentNumber', () => {
  it('rejects other shapes', () => {
    for (const s of [
      '119-20261123-0001',
      '110-20261123-001',
      '110-20261123-00001',
      '110-20261332-0001',
      'x',
    ]) {
      const r = parseIncidentNumber(s);
      expect(!r.ok && r.error.code, s).toBe('VALIDATION_FAILED');
    }
  });
});

describe('the day key of an incident number', () => {
  it('uses the centre day (Asia/Shanghai), not the UTC day', () => {
    // 2026-11-22T16:00Z is midnight of the 23rd in Beijing.
    expect(zonedDayKey(Date.UTC(2026, 10, 22, 15, 59, 59, 999), 'Asia/Shanghai')).toBe('20261122');
    expect(zonedDayKey(Date.UTC(2026, 10, 22, 16, 0, 0, 0), 'Asia/Shanghai')).toBe('20261123');
    expect(zonedDayKey(Date.UTC(2026, 10, 22, 16, 0, 0, 0), 'UTC')).toBe('20261122');
  });
});
