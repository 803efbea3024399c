import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stronglyConnectedComponents } from './connectivity.js';

/** Reference: u and v share a component iff each reaches the other. */
function reachAll(succ: number[][]): boolean[][] {
  return succ.map((_, s) => {
    const seen = succ.map(() => false);
    const stack = [s];
    seen[s] = true;
    while (stack.length > 0)
      for (const n of succ[stack.pop() as number] ?? []) {
        if (seen[n]) continue;
        seen[n] = true;
        stack.push(n);
      }
    return seen;
  });
}

describe('stronglyConnectedComponents', () => {
  it('matches mutual reachability on random digraphs', () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.array(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }), {
        minLength: n,
        maxLength: n,
      }),
    );
    fc.assert(
      fc.property(graph, (succ) => {
        const comp = stronglyConnectedComponents(succ);
        const reach = reachAll(succ);
        for (let u = 0; u < succ.length; u++)
          for (let v = 0; v < succ.length; v++) {
            if ((succ[u] as number[]).length === 0 || (succ[v] as number[]).length === 0) continue;
            expect(comp[u] === comp[v]).toBe(Boolean(reach[u]?.[v] && reach[v]?.[u]));
          }
      }),
    );
  });

  it('splits a one-way chain and joins a cycle', () => {
    expect(new Set(stronglyConnectedComponents([[1], [2], [0]])).size).toBe(1);
    expect(new Set(stronglyConnectedComponents([[1], [2], [2]])).size).toBe(3);
  });
});
