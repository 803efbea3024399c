import { describe, expect, it } from 'vitest';
import { comparablePhone, compareRelated, isRelatedCall, RELATED_CALL_WINDOWS } from './related-calls.js';

describe('related calls', () => {
  it('a fight 48 m and 30 s away is related; 400 m away or 40 minutes ago it is not', () => {
    expect(isRelatedCall({ distanceMeters: 48, minutesBefore: 0.5, samePhone: false }, 'fight')).toBe(true);
    expect(isRelatedCall({ distanceMeters: 400, minutesBefore: 0.5, samePhone: false }, 'fight')).toBe(false);
    expect(isRelatedCall({ distanceMeters: 48, minutesBefore: 40, samePhone: false }, 'fight')).toBe(false);
    expect(RELATED_CALL_WINDOWS.missing_person.radiusMeters).toBeGreaterThan(1000);
  });

  it('the same phone again counts over a wider area and longer, whatever the type', () => {
    expect(isRelatedCall({ distanceMeters: 1500, minutesBefore: 90, samePhone: true }, 'fight')).toBe(true);
    expect(isRelatedCall({ distanceMeters: 1500, minutesBefore: 90, samePhone: false }, null)).toBe(false);
    expect(isRelatedCall({ distanceMeters: 10, minutesBefore: -1, samePhone: true }, null)).toBe(false);
  });

  it('compares phones by their digits, country prefix dropped', () => {
    expect(comparablePhone('+86 138-0000-0000')).toBe('13800000000');
    expect(comparablePhone('0086 13800000000')).toBe('13800000000');
    expect(comparablePhone('110')).toBeNull();
    expect(comparablePhone(null)).toBeNull();
  });

  it('ranks the same phone first, then the nearest', () => {
    const list = [
      { distanceMeters: 20, minutesBefore: 5, samePhone: false },
      { distanceMeters: 200, minutesBefore: 5, samePhone: true },
      { distanceMeters: 10, minutesBefore: 9, samePhone: false },
    ].sort(compareRelated);
    expect(list.map((c) => c.distanceMeters)).toEqual([200, 10, 20]);
  });
});
