import type { Adjacency } from './network.js';

/** Cheapest and dearest arc cost of an adjacency (0 and 0 without arcs). */
export interface ArcCostRange {
  readonly min: number;
  readonly max: number;
}

const ranges = new WeakMap<Adjacency, ArcCostRange>();

/** The arc cost range of `adj`, computed once per adjacency (networks are immutable). */
export function arcCostRange(adj: Adjacency): ArcCostRange {
  let r = ranges.get(adj);
  if (!r) {
    let min = Infinity;
    let max = 0;
    for (const c of adj.cost) {
      if (c < min) min = c;
      if (c > max) max = c;
    }
    r = { min: Number.isFinite(min) ? min : 0, max };
    ranges.set(adj, r);
  }
  return r;
}
