import type { Adjacency } from './network.js';

/** Growable arc list, turned into CSR once complete. */
export class ArcList {
  readonly tails: number[] = [];
  readonly heads: number[] = [];
  readonly cost: number[] = [];
  readonly meters: number[] = [];
  readonly edges: number[] = [];

  add(tail: number, head: number, cost: number, meters: number, edge: number): void {
    this.tails.push(tail);
    this.heads.push(head);
    this.cost.push(cost);
    this.meters.push(meters);
    this.edges.push(edge);
  }
}

/** Builds the CSR adjacency of `arcs` grouped by tail node (counting sort, stable). */
export function toCsr(nodeCount: number, arcs: ArcList): Adjacency {
  const m = arcs.tails.length;
  const offsets = new Int32Array(nodeCount + 1);
  for (let i = 0; i < m; i++) offsets[(arcs.tails[i] as number) + 1]! += 1;
  for (let v = 0; v < nodeCount; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, nodeCount);
  const heads = new Int32Array(m);
  const cost = new Float64Array(m);
  const meters = new Float64Array(m);
  const edges = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const at = fill[arcs.tails[i] as number]!++;
    heads[at] = arcs.heads[i] as number;
    cost[at] = arcs.cost[i] as number;
    meters[at] = arcs.meters[i] as number;
    edges[at] = arcs.edges[i] as number;
  }
  return { offsets, heads, cost, meters, edges };
}

/** An adjacency with no arcs over `nodeCount` nodes. */
export function emptyAdjacency(nodeCount: number): Adjacency {
  return {
    offsets: new Int32Array(nodeCount + 1),
    heads: new Int32Array(0),
    cost: new Float64Array(0),
    meters: new Float64Array(0),
    edges: new Int32Array(0),
  };
}

/** The arcs turned round (the reverse graph: arcs by target). */
export function reversedArcs(arcs: ArcList): ArcList {
  const out = new ArcList();
  for (let i = 0; i < arcs.tails.length; i++)
    out.add(arcs.heads[i]!, arcs.tails[i]!, arcs.cost[i]!, arcs.meters[i]!, arcs.edges[i]!);
  return out;
}
