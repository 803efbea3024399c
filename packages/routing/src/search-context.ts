import type { Adjacency, RoadNetwork, TurnStates } from './network.js';
import { arcCostRange } from './arc-cost-range.js';

/** Why a search ended. */
export type SearchEnd = 'exhausted' | 'bound' | 'stopped';

/**
 * Reusable buffers for graph searches over one network. A generation stamp marks which entries
 * belong to the current search, so starting a search costs O(1) instead of clearing arrays of
 * the network's size. Not re-entrant: one search at a time per context.
 *
 * The priority queue is a binary min-heap in two typed arrays with lazy deletion (a node may be
 * queued again when its cost drops; stale entries are skipped when popped). Each arc is relaxed
 * at most once per search, so arcs + seeds bound its size. It is inlined here rather than taken
 * from flatqueue: on the 100k-vertex bench city that is about 30% faster, as `push` then works on
 * local typed arrays inside the hot loop.
 */
export class SearchContext {
  readonly nodeCount: number;
  /** Best cost found (valid where `stamp[v] === generation`). */
  readonly cost: Float64Array;
  /** Meters along the best path (tracked searches only). */
  readonly meters: Float64Array;
  /** Next node towards the search origin on the best path, -1 for a seed (tracked searches only). */
  readonly parentNode: Int32Array;
  /** Edge to `parentNode`, -1 for a seed (tracked searches only). */
  readonly parentEdge: Int32Array;
  /** Tag of the seed the best path starts from (origin index, or edge side). */
  readonly source: Int32Array;
  readonly stamp: Uint32Array;
  /** `settled[v] === generation` once `cost[v]` is final. */
  readonly settled: Uint32Array;
  generation = 0;
  /** Cost of the last node taken from the queue (a lower bound for everything unsettled). */
  frontier = 0;
  private heapIds: Int32Array;
  private heapCost: Float64Array;
  private heapLength = 0;
  private readonly arcCapacity: number;
  /** Bucket queue of {@link runUnordered}: list heads per bucket slot, entry node and next entry. */
  private bucketHead = new Int32Array(0);
  private entryNode = new Int32Array(0);
  private entryNext = new Int32Array(0);

  /** Junction of each turn state (ids from `firstState`), when the network has turn restrictions. */
  private readonly statePrimary: Int32Array | null;
  private readonly firstState: number;

  /** `arcCapacity`: the most arcs any adjacency searched with this context has. */
  constructor(nodeCount: number, arcCapacity: number, turns: TurnStates | null = null) {
    this.statePrimary = turns?.copyPrimary ?? null;
    this.firstState = turns?.junctionCount ?? nodeCount;
    this.nodeCount = nodeCount;
    this.arcCapacity = arcCapacity;
    this.cost = new Float64Array(nodeCount);
    this.meters = new Float64Array(nodeCount);
    this.parentNode = new Int32Array(nodeCount);
    this.parentEdge = new Int32Array(nodeCount);
    this.source = new Int32Array(nodeCount);
    this.stamp = new Uint32Array(nodeCount);
    this.settled = new Uint32Array(nodeCount);
    this.heapIds = new Int32Array(arcCapacity + 4096);
    this.heapCost = new Float64Array(arcCapacity + 4096);
  }

  /** Starts a new search that will offer at most `seedCount` seeds (default: a few thousand). */
  begin(seedCount = 4096): void {
    if (this.heapIds.length < this.arcCapacity + seedCount) {
      this.heapIds = new Int32Array(this.arcCapacity + seedCount);
      this.heapCost = new Float64Array(this.arcCapacity + seedCount);
    }
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamp.fill(0);
      this.settled.fill(0);
      this.generation = 1;
    }
    this.heapLength = 0;
    this.frontier = 0;
  }

  /** Offers a start node at `cost` (keeps the cheaper of repeated offers). */
  seed(node: number, cost: number, meters: number, source: number): void {
    const g = this.generation;
    if (this.stamp[node] === g && this.cost[node]! <= cost) return;
    this.stamp[node] = g;
    this.cost[node] = cost;
    this.meters[node] = meters;
    this.parentNode[node] = -1;
    this.parentEdge[node] = -1;
    this.source[node] = source;
    this.heapLength = heapPush(this.heapIds, this.heapCost, this.heapLength, node, cost);
  }

  /** Final cost of `node` in the current search, Infinity if not settled. */
  settledCost(node: number): number {
    return this.settled[node] === this.generation ? this.cost[node]! : Infinity;
  }

  /**
   * Dijkstra over `adj` from the seeds. Nodes are settled in cost order up to `maxCost`;
   * `onSettle` may return true to stop right after settling a node. `track` false skips meters
   * and parent pointers when only costs (and sources) are wanted.
   */
  run(
    adj: Adjacency,
    maxCost = Infinity,
    onSettle?: (node: number, cost: number) => boolean,
    track = true,
  ): SearchEnd {
    const { offsets, heads, cost: arcCost, meters: arcMeters, edges } = adj;
    const {
      cost,
      meters,
      parentNode,
      parentEdge,
      source,
      stamp,
      settled,
      heapIds: ids,
      heapCost: keys,
    } = this;
    const g = this.generation;
    let length = this.heapLength;
    let end: SearchEnd = 'exhausted';
    while (length > 0) {
      const v = ids[0]!;
      const d = keys[0]!;
      length = heapPopRoot(ids, keys, length);
      if (settled[v] === g || d > cost[v]!) continue;
      this.frontier = d;
      if (d > maxCost) {
        end = 'bound';
        break;
      }
      settled[v] = g;
      if (onSettle && onSettle(v, d)) {
        end = 'stopped';
        break;
      }
      const mv = meters[v]!;
      const sv = source[v]!;
      for (let a = offsets[v]!, stop = offsets[v + 1]!; a < stop; a++) {
        const w = heads[a]!;
        const nd = d + arcCost[a]!;
        if (stamp[w] !== g) stamp[w] = g;
        else if (nd >= cost[w]!) continue;
        cost[w] = nd;
        source[w] = sv;
        if (track) {
          meters[w] = mv + arcMeters[a]!;
          parentNode[w] = v;
          parentEdge[w] = edges[a]!;
        }
        // Sift up (inlined push).
        let pos = length++;
        while (pos > 0) {
          const parent = (pos - 1) >> 1;
          const pk = keys[parent]!;
          if (nd >= pk) break;
          ids[pos] = ids[parent]!;
          keys[pos] = pk;
          pos = parent;
        }
        ids[pos] = w;
        keys[pos] = nd;
      }
    }
    this.heapLength = length;
    if (end === 'exhausted') this.frontier = Infinity;
    this.foldStates();
    return end;
  }

  /**
   * With turn restrictions, a junction is reached in one of its states: give the junction the best
   * of them, so that whoever reads a junction's cost (isochrones, coverage, per-node times) sees it.
   * Searches towards a target already give the junction its own (lowest) cost, so this keeps it.
   */
  private foldStates(): void {
    const primary = this.statePrimary;
    if (!primary) return;
    const { cost, meters, parentNode, parentEdge, source, stamp, settled } = this;
    const g = this.generation;
    for (let i = 0; i < primary.length; i++) {
      const c = this.firstState + i;
      if (settled[c] !== g) continue;
      const p = primary[i]!;
      if (settled[p] === g && cost[p]! <= cost[c]!) continue;
      stamp[p] = g;
      settled[p] = g;
      cost[p] = cost[c]!;
      meters[p] = meters[c]!;
      parentNode[p] = parentNode[c]!;
      parentEdge[p] = parentEdge[c]!;
      source[p] = source[c]!;
    }
  }

  /**
   * Same costs and reach as `run(adj, maxCost, undefined, false)`, faster for large searches
   * (one-to-all: about 3x on the 100k-vertex bench city), but nodes are settled bucket by bucket,
   * not one by one in cost order, so there is no `onSettle`; sources may differ on exact ties.
   *
   * Dial's bucket queue: buckets half the cheapest arc wide, so an arc always leads at least one
   * bucket further and every node in the current bucket already has its final cost. Falls back to
   * `run` when the network has zero-cost arcs or too wide a cost range for a small ring of buckets.
   */
  runUnordered(adj: Adjacency, maxCost = Infinity): SearchEnd {
    const { offsets, heads, cost: arcCost } = adj;
    const { cost, source, stamp, settled, heapIds, heapCost } = this;
    const g = this.generation;
    const range = arcCostRange(adj);
    // Live seeds (the heap may also hold superseded offers for the same node).
    let minSeed = Infinity;
    let maxSeed = -Infinity;
    let seeds = 0;
    for (let i = 0; i < this.heapLength; i++) {
      const v = heapIds[i]!;
      if (heapCost[i] !== cost[v]) continue;
      minSeed = Math.min(minSeed, heapCost[i]!);
      maxSeed = Math.max(maxSeed, heapCost[i]!);
      seeds++;
    }
    const width = range.min / 2;
    const span = seeds === 0 ? 0 : (range.max + maxSeed - minSeed) / width + 4;
    if (!(width > 0) || !(span < MAX_BUCKETS)) return this.run(adj, maxCost, undefined, false);
    let slots = 16;
    while (slots < span) slots *= 2;
    const mask = slots - 1;
    if (this.bucketHead.length < slots) this.bucketHead = new Int32Array(slots).fill(-1);
    const capacity = this.heapIds.length;
    if (this.entryNode.length < capacity) {
      this.entryNode = new Int32Array(capacity);
      this.entryNext = new Int32Array(capacity);
    }
    const { bucketHead: head, entryNode: node, entryNext: next } = this;
    const inverse = 1 / width;
    let entries = 0;
    let pending = 0;
    for (let i = 0; i < this.heapLength; i++) {
      const v = heapIds[i]!;
      if (heapCost[i] !== cost[v]) continue;
      const b = Math.floor(cost[v]! * inverse) & mask;
      node[entries] = v;
      next[entries] = head[b]!;
      head[b] = entries++;
      pending++;
    }
    this.heapLength = 0;
    let bucket = Math.floor(minSeed * inverse);
    let end: SearchEnd = 'exhausted';
    while (pending > 0) {
      if (bucket * width > maxCost) {
        end = 'bound';
        break;
      }
      const slot = bucket & mask;
      let e = head[slot]!;
      head[slot] = -1;
      while (e >= 0) {
        const v = node[e]!;
        e = next[e]!;
        pending--;
        const d = cost[v]!;
        if (settled[v] === g || d > maxCost) continue;
        settled[v] = g;
        const sv = source[v]!;
        for (let a = offsets[v]!, stop = offsets[v + 1]!; a < stop; a++) {
          const w = heads[a]!;
          const nd = d + arcCost[a]!;
          if (stamp[w] !== g) stamp[w] = g;
          else if (nd >= cost[w]!) continue;
          cost[w] = nd;
          source[w] = sv;
          const b = Math.floor(nd * inverse) & mask;
          node[entries] = w;
          next[entries] = head[b]!;
          head[b] = entries++;
          pending++;
        }
      }
      bucket++;
    }
    if (pending > 0) head.fill(-1, 0, slots);
    this.frontier = end === 'exhausted' ? Infinity : bucket * width;
    this.foldStates();
    return end;
  }
}

/** Most bucket slots {@link SearchContext.runUnordered} keeps before falling back to the heap. */
const MAX_BUCKETS = 1 << 16;

function heapPush(ids: Int32Array, keys: Float64Array, length: number, id: number, key: number): number {
  let pos = length;
  while (pos > 0) {
    const parent = (pos - 1) >> 1;
    if (key >= keys[parent]!) break;
    ids[pos] = ids[parent]!;
    keys[pos] = keys[parent]!;
    pos = parent;
  }
  ids[pos] = id;
  keys[pos] = key;
  return length + 1;
}

/** Removes the root (the caller has read it); returns the new length. */
function heapPopRoot(ids: Int32Array, keys: Float64Array, length: number): number {
  const last = length - 1;
  if (last > 0) {
    const id = ids[last]!;
    const key = keys[last]!;
    let pos = 0;
    const half = last >> 1;
    while (pos < half) {
      const left = (pos << 1) + 1;
      const right = left + 1;
      const child = right < last && keys[right]! < keys[left]! ? right : left;
      if (keys[child]! >= key) break;
      ids[pos] = ids[child]!;
      keys[pos] = keys[child]!;
      pos = child;
    }
    ids[pos] = id;
    keys[pos] = key;
  }
  return last;
}

const contexts = new WeakMap<RoadNetwork, SearchContext>();

/** The shared context of a network (searches are synchronous, so one per network suffices). */
export function contextFor(net: RoadNetwork): SearchContext {
  let ctx = contexts.get(net);
  if (!ctx) {
    ctx = new SearchContext(
      net.nodeCount,
      Math.max(net.forward.heads.length, net.walk.heads.length),
      net.turns,
    );
    contexts.set(net, ctx);
  }
  return ctx;
}
