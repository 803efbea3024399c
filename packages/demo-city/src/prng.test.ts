import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from './prng.js';

const draw = (seed: number, label: string, n: number): number[] => {
  const rng = createRng(seed, label);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('repeats its sequence for the same seed and label', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), (seed, label) => {
        expect(draw(seed, label, 20)).toEqual(draw(seed, label, 20));
      }),
    );
  });

  it('gives different sequences for different seeds or labels', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        fc.pre(a !== b);
        expect(draw(a, 'x', 8)).not.toEqual(draw(b, 'x', 8));
      }),
    );
    expect(draw(1, 'a', 8)).not.toEqual(draw(1, 'b', 8));
  });

  it('stays in range', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (seed, min, span) => {
          const rng = createRng(seed);
          for (let i = 0; i < 50; i++) {
            const x = rng.next();
            expect(x >= 0 && x < 1).toBe(true);
            const k = rng.int(min, min + span);
            expect(Number.isInteger(k) && k >= min && k <= min + span).toBe(true);
          }
        },
      ),
    );
  });

  it('is roughly uniform', () => {
    const rng = createRng(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 20000; i++) buckets[Math.floor(rng.next() * 10)]! += 1;
    for (const b of buckets) expect(Math.abs(b - 2000)).toBeLessThan(200);
  });

  it('shuffles into a permutation', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer()), (seed, items) => {
        const out = createRng(seed).shuffle(items);
        expect([...out].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
    );
  });

  it('never draws a zero weight', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.constantFrom(0, 0.5, 3), { minLength: 1 }), (seed, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const rng = createRng(seed);
        for (let i = 0; i < 20; i++) expect(weights[rng.weightedIndex(weights)]).toBeGreaterThan(0);
      }),
    );
  });

  it('forks independent, reproducible streams', () => {
    const a = createRng(3).fork('roads');
    const b = createRng(3).fork('roads');
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
    expect(createRng(3).fork('grids').next()).not.toBe(createRng(3).fork('roads').next());
  });
});
