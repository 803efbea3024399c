import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predictionAccuracyIndex } from './prediction-accuracy.js';

describe('predictionAccuracyIndex', () => {
  it('is hit rate over area share at the flagged share', () => {
    // 20 equal places; one holds half the incidents and is predicted top: 5% of the area.
    const actual = Array.from({ length: 20 }, (_, i) => (i === 3 ? 19 : 1));
    const predicted = actual.map((_, i) => (i === 3 ? 10 : 0.5));
    const r = predictionAccuracyIndex(predicted, actual, new Array(20).fill(1), 0.05);
    expect(r.hitRate).toBeCloseTo(19 / 38, 12);
    expect(r.areaShare).toBeCloseTo(0.05, 12);
    expect(r.pai).toBeCloseTo(19 / 38 / 0.05, 12);
    expect(r.flagged).toBe(1);
  });

  it('a prediction that ties everywhere scores exactly 1 (chance)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(50), fc.double({ min: 0.5, max: 2, noNaN: true })), {
          minLength: 1,
          maxLength: 80,
        }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (places, share) => {
          const actual = places.map((p) => p[0]);
          const area = places.map((p) => p[1]);
          fc.pre(actual.some((a) => a > 0));
          // Same density everywhere (a / a is exactly 1).
          const r = predictionAccuracyIndex(area, actual, area, share);
          expect(r.pai).toBeCloseTo(1, 9);
          const zero = predictionAccuracyIndex(
            area.map(() => 0),
            actual,
            area,
            share,
          );
          expect(zero.pai).toBeCloseTo(1, 9);
        },
      ),
    );
  });

  it('the truth itself scores at least as well as any prediction, and order of places does not matter', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.nat(30)), { minLength: 1, maxLength: 60 }), (places) => {
        const actual = places.map((p) => p[0]);
        const predicted = places.map((p) => p[1]);
        const area = places.map(() => 1);
        fc.pre(actual.some((a) => a > 0));
        const truth = predictionAccuracyIndex(actual, actual, area);
        const guess = predictionAccuracyIndex(predicted, actual, area);
        expect(truth.pai).toBeGreaterThanOrEqual(guess.pai - 1e-9);
        const reversed = predictionAccuracyIndex([...predicted].reverse(), [...actual].reverse(), area);
        expect(reversed.pai).toBeCloseTo(guess.pai, 9);
      }),
    );
  });
});
