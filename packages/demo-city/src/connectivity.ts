/**
 * Strong connectivity of the directed road graph: every junction must be reachable from every
 * other one, or a router would find "no route" inside the demo city. One-way streets that trap
 * traffic are made two-way (as a traffic department would), whatever stays cut off is dropped.
 */
import type { RoadGraph } from './road-graph.js';

/** Directed successors of each node over alive edges. */
function successors(graph: RoadGraph): number[][] {
  const out: number[][] = graph.nodes.map(() => []);
  for (const e of graph.edges) {
    if (!e.alive) continue;
    (out[e.a] as number[]).push(e.b);
    if (e.tags.oneway !== 'yes') (out[e.b] as number[]).push(e.a);
  }
  return out;
}

/** Strongly connected component id of each node (Tarjan, iterative), -1 for isolated nodes. */
export function stronglyConnectedComponents(succ: readonly (readonly number[])[]): number[] {
  const n = succ.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const comp = new Array<number>(n).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let comps = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || (succ[root] as number[]).length === 0) continue;
    const work: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1] as [number, number];
      const [v, i] = frame;
      const next = (succ[v] as number[])[i];
      if (next !== undefined) {
        frame[1] = i + 1;
        if (index[next] === -1) {
          index[next] = low[next] = counter++;
          stack.push(next);
          onStack[next] = true;
          work.push([next, 0]);
        } else if (onStack[next]) {
          low[v] = Math.min(low[v] as number, index[next] as number);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[v] as number);
      if (low[v] === index[v]) {
        for (;;) {
          const w = stack.pop() as number;
          onStack[w] = false;
          comp[w] = comps;
          if (w === v) break;
        }
        comps++;
      }
    }
  }
  return comp;
}

/** Makes the alive graph strongly connected (see module doc). Returns the one-way edges opened. */
export function makeStronglyConnected(graph: RoadGraph): number {
  let opened = 0;
  // Terminates: every round either opens at least one one-way edge or returns.
  for (;;) {
    const comp = stronglyConnectedComponents(successors(graph));
    const sizes = new Map<number, number>();
    for (const c of comp) if (c >= 0) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    if (sizes.size <= 1) return opened;
    let main = -1;
    let best = -1;
    for (const [c, size] of sizes) if (size > best) [main, best] = [c, size];
    let changed = false;
    for (const e of graph.edges) {
      if (!e.alive || e.tags.oneway !== 'yes' || (comp[e.a] === main && comp[e.b] === main)) continue;
      const { oneway: _oneway, ...rest } = e.tags;
      e.tags = rest;
      opened++;
      changed = true;
    }
    if (!changed) {
      for (const e of graph.edges) if (e.alive && (comp[e.a] !== main || comp[e.b] !== main)) e.alive = false;
      return opened;
    }
  }
}
