import type { Adjacency } from './network.js';

/** Component labelling: a label per node (-1 for nodes without arcs) and the component sizes. */
export interface Components {
  readonly label: Int32Array;
  readonly sizes: readonly number[];
  /** Label of the largest component, -1 when there is none. */
  readonly largest: number;
}

function hasArcs(adj: Adjacency, v: number): boolean {
  return adj.offsets[v + 1]! > adj.offsets[v]!;
}

function summarise(label: Int32Array, count: number): Components {
  const sizes = new Array<number>(count).fill(0);
  for (const c of label) if (c >= 0) sizes[c]! += 1;
  let largest = -1;
  for (let c = 0; c < count; c++) if (largest < 0 || sizes[c]! > sizes[largest]!) largest = c;
  return { label, sizes, largest };
}

/**
 * Strongly connected components (Kosaraju, iterative so a 100k-node street chain cannot blow the
 * stack). Only nodes with at least one arc in either direction are labelled.
 */
export function stronglyConnected(nodeCount: number, forward: Adjacency, reverse: Adjacency): Components {
  const order = new Int32Array(nodeCount);
  let orderLen = 0;
  const visited = new Uint8Array(nodeCount);
  const stackNode = new Int32Array(nodeCount);
  const stackArc = new Int32Array(nodeCount);
  for (let root = 0; root < nodeCount; root++) {
    if (visited[root] || (!hasArcs(forward, root) && !hasArcs(reverse, root))) continue;
    let top = 0;
    stackNode[0] = root;
    stackArc[0] = forward.offsets[root]!;
    visited[root] = 1;
    while (top >= 0) {
      const v = stackNode[top]!;
      const arc = stackArc[top]!;
      if (arc < forward.offsets[v + 1]!) {
        stackArc[top] = arc + 1;
        const w = forward.heads[arc]!;
        if (!visited[w]) {
          visited[w] = 1;
          top++;
          stackNode[top] = w;
          stackArc[top] = forward.offsets[w]!;
        }
      } else {
        order[orderLen++] = v;
        top--;
      }
    }
  }
  const label = new Int32Array(nodeCount).fill(-1);
  let count = 0;
  for (let i = orderLen - 1; i >= 0; i--) {
    const root = order[i]!;
    if (label[root] !== -1) continue;
    let top = 0;
    stackNode[0] = root;
    label[root] = count;
    while (top >= 0) {
      const v = stackNode[top--]!;
      for (let a = reverse.offsets[v]!; a < reverse.offsets[v + 1]!; a++) {
        const w = reverse.heads[a]!;
        if (label[w] === -1) {
          label[w] = count;
          stackNode[++top] = w;
        }
      }
    }
    count++;
  }
  return summarise(label, count);
}

/** Connected components of an undirected graph given as edge pairs (union-find). */
export function connectedComponents(
  nodeCount: number,
  edgeCount: number,
  endpoints: (edge: number) => readonly [number, number] | null,
): Components {
  const parent = new Int32Array(nodeCount).fill(-1);
  const find = (v: number): number => {
    let r = v;
    while (parent[r]! !== r) r = parent[r]!;
    while (parent[v]! !== r) {
      const next = parent[v]!;
      parent[v] = r;
      v = next;
    }
    return r;
  };
  for (let e = 0; e < edgeCount; e++) {
    const ends = endpoints(e);
    if (!ends) continue;
    const [a, b] = ends;
    if (parent[a] === -1) parent[a] = a;
    if (parent[b] === -1) parent[b] = b;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  }
  const label = new Int32Array(nodeCount).fill(-1);
  const rootLabel = new Int32Array(nodeCount).fill(-1);
  let count = 0;
  for (let v = 0; v < nodeCount; v++) {
    if (parent[v] === -1) continue;
    const r = find(v);
    if (rootLabel[r] === -1) rootLabel[r] = count++;
    label[v] = rootLabel[r]!;
  }
  return summarise(label, count);
}
