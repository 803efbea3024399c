import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRoadNetwork } from './graph-build.js';
import type { Adjacency } from './network.js';
import { SearchContext } from './search-context.js';
import { randomNetwork } from './test-support/random-network.js';

/** Adjacency from `[tail, head, cost]` arcs over `n` nodes. */
function adjacency(n: number, arcs: readonly (readonly [number, number, number])[]): Adjacency {
  const sorted = [...arcs].sort((a, b) => a[0] - b[0]);
  const offsets = new Int32Array(n + 1);
  for (const [t] of sorted) offsets[t + 1]! += 1;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  return {
    offsets,
    heads: Int32Array.from(sorted, (a) => a[1]),
    cost: Float64Array.from(sorted, (a) => a[2]),
    meters: new Float64Array(sorted.length),
    edges: new Int32Array(sorted.length),
  };
}

type Seed = readonly [node: number, cost: number];

/** Settled costs and sources after seeding `seeds` and running `search`. */
function searchWith(
  ctx: SearchContext,
  seeds: readonly Seed[],
  search: (ctx: SearchContext) => unknown,
): { cost: number[]; source: number[] } {
  ctx.begin(seeds.length);
  seeds.forEach(([node, cost], i) => ctx.seed(node, cost, 0, i));
  search(ctx);
  const cost = Array.from({ length: ctx.nodeCount }, (_, v) => ctx.settledCost(v));
  const source = cost.map((c, v) => (Number.isFinite(c) ? ctx.source[v]! : -1));
  return { cost, source };
}

/** Both queues on the same search: identical costs; each source is a seed that attains the cost. */
function expectSameSearch(adj: Adjacency, n: number, seeds: readonly Seed[], maxCost: number): void {
  const ctx = new SearchContext(n, adj.heads.length);
  const heap = searchWith(ctx, seeds, (c) => c.run(adj, maxCost, undefined, false));
  const buckets = searchWith(ctx, seeds, (c) => c.runUnordered(adj, maxCost));
  expect(buckets.cost).toEqual(heap.cost);
  // Sources agree except on exact ties, where either seed is a right answer.
  buckets.source.forEach((s, v) => {
    if (s === heap.source[v]) return;
    const alone = searchWith(ctx, [seeds[s]!], (c) => c.run(adj, maxCost, undefined, false));
    expect(alone.cost[v]).toBe(heap.cost[v]);
  });
}

describe('SearchContext.runUnordered', () => {
  it('settles the same nodes at the same costs as the heap search (random road networks)', () => {
    fc.assert(
      fc.property(
        randomNetwork,
        fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 50, noNaN: true })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.oneof(fc.constant(Infinity), fc.double({ min: 0, max: 120, noNaN: true })),
        (rn, rawSeeds, maxCost) => {
          const net = buildRoadNetwork(rn.geojson);
          fc.pre(net.nodeCount > 0);
          const seeds = rawSeeds.map(([v, c]): Seed => [v % net.nodeCount, c]);
          expectSameSearch(net.forward, net.nodeCount, seeds, maxCost);
          expectSameSearch(net.walk, net.nodeCount, seeds, maxCost);
        },
      ),
      { numRuns: 200 },
    );
  }, 30_000);

  it('handles repeated seed offers, arbitrary arc costs and the zero-cost fallback', () => {
    const arcCost = fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e3, noNaN: true }));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            arcs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), arcCost), { maxLength: 40 }),
            seeds: fc.array(fc.tuple(fc.nat(n - 1), fc.double({ min: 0, max: 100, noNaN: true })), {
              minLength: 1,
              maxLength: 5,
            }),
          }),
        ),
        fc.oneof(fc.constant(Infinity), fc.double({ min: 0, max: 500, noNaN: true })),
        ({ n, arcs, seeds }, maxCost) => expectSameSearch(adjacency(n, arcs), n, seeds, maxCost),
      ),
      { numRuns: 500 },
    );
  }, 30_000);

  it('reports a bound stop and leaves the context ready for the next search', () => {
    // A path 0 -> 1 -> 2 -> 3 with arcs of 10.
    const adj = adjacency(4, [
      [0, 1, 10],
      [1, 2, 10],
      [2, 3, 10],
    ]);
    const ctx = new SearchContext(4, 3);
    ctx.begin(1);
    ctx.seed(0, 0, 0, 0);
    expect(ctx.runUnordered(adj, 15)).toBe('bound');
    expect([0, 1, 2, 3].map((v) => ctx.settledCost(v))).toEqual([0, 10, Infinity, Infinity]);
    ctx.begin(1);
    ctx.seed(1, 0, 0, 0);
    expect(ctx.runUnordered(adj)).toBe('exhausted');
    expect([0, 1, 2, 3].map((v) => ctx.settledCost(v))).toEqual([Infinity, 0, 10, 20]);
  });
});
