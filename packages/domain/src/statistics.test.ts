import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainErrorException } from './errors.js';
import { mean, median, percentile, shareWithin } from './statistics.js';

// Reference values computed by PostgreSQL 17 (PGlite):
// SELECT percentile_cont(p) WITHIN GROUP (ORDER BY x) FROM unnest(values) x
const POSTGRES_PERCENTILE_CONT: readonly [readonly number[], number, number][] = [
  [[1, 2, 3, 4], 0, 1],
  [[1, 2, 3, 4], 0.25, 1.75],
  [[1, 2, 3, 4], 0.5, 2.5],
  [[1, 2, 3, 4], 0.75, 3.25],
  [[1, 2, 3, 4], 0.9, 3.7],
  [[1, 2, 3, 4], 1, 4],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.1, 1.9],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5, 5.5],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95, 9.549999999999999],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.99, 9.91],
  [[42], 0, 42],
  [[42], 0.9, 42],
  [[120, 35, 300, 61, 180, 59, 240], 0.5, 120],
  [[120, 35, 300, 61, 180, 59, 240], 0.8, 228.00000000000006],
  [[120, 35, 300, 61, 180, 59, 240], 0.9, 264],
  [[120, 35, 300, 61, 180, 59, 240], 0.33, 60.96],
  [[0.5, -3, 12.25, 7, 7], 0.2, -0.19999999999999973],
  [[0.5, -3, 12.25, 7, 7], 0.5, 7],
  [[0.5, -3, 12.25, 7, 7], 0.75, 7],
];

describe('percentile', () => {
  it.each(POSTGRES_PERCENTILE_CONT)('matches percentile_cont on %j at p=%f', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('returns null for no values, like the SQL aggregate', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(median([])).toBeNull();
  });

  it('rejects fractions outside [0, 1] and non-finite values with a typed error', () => {
    expect(() => percentile([1], 1.5)).toThrow(DomainErrorException);
    expect(() => percentile([1], Number.NaN)).toThrow(DomainErrorException);
    expect(() => percentile([1, Number.NaN], 0.5)).toThrow(DomainErrorException);
  });

  it('does not reorder the caller array', () => {
    const values = [3, 1, 2];
    percentile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });

  it('is monotone in p and bounded by min and max', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const pl = percentile(values, lo) as number;
          const ph = percentile(values, hi) as number;
          expect(pl).toBeLessThanOrEqual(ph);
          expect(pl).toBeGreaterThanOrEqual(Math.min(...values));
          expect(ph).toBeLessThanOrEqual(Math.max(...values));
        },
      ),
    );
  });

  it('hits the sorted value exactly at row boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 30 }),
        (values) => {
          const sorted = [...values].sort((a, b) => a - b);
          expect(percentile(values, 0)).toBe(sorted[0]);
          expect(percentile(values, 1)).toBe(sorted[sorted.length - 1]);
        },
      ),
    );
  });
});

describe('median', () => {
  it('is the middle value for odd counts and the average of the middle two for even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('mean', () => {
  it('matches SQL avg on a known vector', () => {
    // SELECT avg(x) FROM unnest(ARRAY[120,35,300,61,180,59,240]::float8[]) x
    expect(mean([120, 35, 300, 61, 180, 59, 240])).toBe(142.14285714285714);
  });

  it('is null for no values', () => {
    expect(mean([])).toBeNull();
  });
});

describe('shareWithin', () => {
  it('counts values at or below the limit', () => {
    expect(shareWithin([60, 179, 180, 181], 180)).toBe(0.75);
    expect(shareWithin([200], 180)).toBe(0);
    expect(shareWithin([], 180)).toBeNull();
  });

  it('equals the filtered count over the total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 0, max: 600 }),
        (values, limit) => {
          expect(shareWithin(values, limit)).toBe(values.filter((v) => v <= limit).length / values.length);
        },
      ),
    );
  });
});
