import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, pairedDifferences, sampleStdDev, studentTCdf, studentTQuantile, tInterval } from './stats.js';

describe('studentTQuantile', () => {
  it('gives the published two-sided 95% values (qt(0.975, df) in R, t.ppf in SciPy)', () => {
    const table: [number, number][] = [
      [1, 12.706204736174694],
      [2, 4.302652729749462],
      [4, 2.7764451051977934],
      [9, 2.262157162798205],
      [29, 2.045229642132703],
      [1000, 1.9623390808264083],
    ];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 9);
    // 99% and a one-sided 90%, and the normal limit.
    expect(studentTQuantile(0.995, 4)).toBeCloseTo(4.604094871349992, 9);
    expect(studentTQuantile(0.9, 10)).toBeCloseTo(1.372183641110336, 9);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it('is the inverse of the CDF, and symmetric', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        (p, df) => {
          const t = studentTQuantile(p, df);
          expect(studentTCdf(t, df)).toBeCloseTo(p, 9);
          expect(studentTQuantile(1 - p, df)).toBeCloseTo(-t, 7);
        },
      ),
      { numRuns: 200 },
    );
    expect(studentTCdf(0, 3)).toBe(0.5);
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
  });
});

describe('tInterval', () => {
  it('is the mean plus or minus t times the standard error', () => {
    // 1..5: mean 3, sd sqrt(2.5), t(0.975, 4) = 2.776445.
    const ci = tInterval([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expect(ci.halfWidth).toBeCloseTo(2.7764451051977934 * Math.sqrt(2.5 / 5), 10);
    expect(ci.low).toBeCloseTo(1.036757, 6);
    expect(ci.high).toBeCloseTo(4.963243, 6);
    // Same values: no spread, no width; one value: no interval.
    expect(tInterval([2, 2, 2]).halfWidth).toBe(0);
    expect(Number.isNaN(tInterval([7]).halfWidth)).toBe(true);
    expect(tInterval([7]).mean).toBe(7);
  });

  it('computes mean, sample sd and paired differences', () => {
    expect(mean([])).toBeNaN();
    expect(sampleStdDev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935, 9);
    expect(pairedDifferences([0.1, 0.2], [0.05, 0.25])).toEqual([0.05 - 0.1, 0.25 - 0.2]);
    expect(() => pairedDifferences([1], [1, 2])).toThrow(RangeError);
  });
});
