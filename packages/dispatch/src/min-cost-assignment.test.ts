import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minCostAssignment } from './min-cost-assignment.js';

/** Cheapest total over every injective row -> column map, by enumeration. */
function bruteForce(cost: number[][]): number {
  const m = cost[0]?.length ?? 0;
  const go = (row: number, used: Set<number>): number => {
    if (row === cost.length) return 0;
    let best = Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      if (used.has(j)) continue;
      used.add(j);
      best = Math.min(best, (cost[row]?.[j] as number) + go(row + 1, used));
      used.delete(j);
    }
    return best;
  };
  return go(0, new Set());
}

describe('minCostAssignment', () => {
  it('solves a known case', () => {
    const cost = [
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ];
    expect(minCostAssignment(cost)).toEqual([1, 0, 2]);
  });

  it('handles empty and rectangular input', () => {
    expect(minCostAssignment([])).toEqual([]);
    expect(minCostAssignment([[5, 1, 9]])).toEqual([1]);
    expect(() => minCostAssignment([[1], [2]])).toThrow(RangeError);
  });

  it('finds the optimum with each column used once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) =>
          fc.integer({ min: n, max: 6 }).chain((m) =>
            fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: m, maxLength: m }), {
              minLength: n,
              maxLength: n,
            }),
          ),
        ),
        (cost) => {
          const cols = minCostAssignment(cost);
          expect(new Set(cols).size).toBe(cols.length);
          expect(cols.every((c) => c >= 0)).toBe(true);
          const total = cols.reduce((sum, c, i) => sum + (cost[i]?.[c] as number), 0);
          expect(total).toBe(bruteForce(cost));
        },
      ),
    );
  });
});
