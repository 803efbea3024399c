import type { RoadNetwork } from './network.js';
import { alongEdge, endLinks, type SearchProfile } from './profile.js';
import type { SearchContext, SearchEnd } from './search-context.js';
import type { Snap } from './snap.js';

/** One traveller heading for a target: where it stands and how its cost becomes seconds. */
export interface Sink {
  /** Null: not on the network (handled by the caller, never reached here). */
  readonly snap: Snap | null;
  /** Seconds per unit of search cost (1 / speed factor when driving, 1 / speed when walking). */
  readonly scale: number;
  /** Seconds and meters to get from the traveller's position onto its snap point. */
  readonly offsetSeconds: number;
  readonly offsetMeters: number;
  /** Seconds per meter from the target's snap point to the target itself. */
  readonly accessSecondsPerMeter: number;
}

/**
 * Travellers indexed by the graph node where they join it, built once per candidate set so a
 * search looks them up in O(1) per settled node.
 */
export interface SinkSet {
  readonly profile: SearchProfile;
  readonly sinks: readonly Sink[];
  readonly nodeOffsets: Int32Array;
  readonly entrySink: Int32Array;
  readonly entryCost: Float64Array;
  readonly entryMeters: Float64Array;
  /** Side of the sink's edge the entry is at (0 from, 1 to). */
  readonly entrySide: Uint8Array;
  /** Per sink: its scale, its edge (-1 when not snapped). */
  readonly scale: Float64Array;
  readonly sinkEdge: Int32Array;
  /** Result buffers reused by every search on this set (no garbage per query). */
  readonly scratch: SinkOutcomeBuffers;
}

interface SinkOutcomeBuffers {
  readonly seconds: Float64Array;
  readonly meters: Float64Array;
  readonly entryNode: Int32Array;
  readonly entrySide: Uint8Array;
  readonly exact: Uint8Array;
  readonly extra: Float64Array;
}

/** Indexes `sinks` by entry node. */
export function buildSinkSet(net: RoadNetwork, profile: SearchProfile, sinks: readonly Sink[]): SinkSet {
  const links = sinks.map((s) => (s.snap ? endLinks(net, profile, s.snap, true) : []));
  const nodeOffsets = new Int32Array(net.nodeCount + 1);
  for (const list of links) for (const l of list) nodeOffsets[l.node + 1]! += 1;
  for (let v = 0; v < net.nodeCount; v++) nodeOffsets[v + 1]! += nodeOffsets[v]!;
  const total = nodeOffsets[net.nodeCount]!;
  const entrySink = new Int32Array(total);
  const entryCost = new Float64Array(total);
  const entryMeters = new Float64Array(total);
  const entrySide = new Uint8Array(total);
  const fill = nodeOffsets.slice(0, net.nodeCount);
  links.forEach((list, c) => {
    for (const l of list) {
      const at = fill[l.node]!++;
      entrySink[at] = c;
      entryCost[at] = l.cost;
      entryMeters[at] = l.meters;
      entrySide[at] = l.side;
    }
  });
  const n = sinks.length;
  const scratch: SinkOutcomeBuffers = {
    seconds: new Float64Array(n),
    meters: new Float64Array(n),
    entryNode: new Int32Array(n),
    entrySide: new Uint8Array(n),
    exact: new Uint8Array(n),
    extra: new Float64Array(n),
  };
  const scale = Float64Array.from(sinks, (s) => s.scale);
  const sinkEdge = Int32Array.from(sinks, (s) => (s.snap ? s.snap.edge : -1));
  return {
    profile,
    sinks,
    nodeOffsets,
    entrySink,
    entryCost,
    entryMeters,
    entrySide,
    scale,
    sinkEdge,
    scratch,
  };
}

/** Options of {@link searchSinks}. */
export interface SinkSearchOptions {
  /** Stop once the best `k` sinks are certain. */
  readonly k?: number;
  /** Stop once every remaining sink would need more seconds than this. */
  readonly maxSeconds?: number;
  /** Hard bound on the search cost itself (walking range in meters). */
  readonly maxCost?: number;
}

/**
 * Per sink: seconds and meters to the target, whether final, and the node it joins the graph at.
 * The arrays belong to the sink set and are overwritten by its next search.
 */
export interface SinkOutcome {
  readonly seconds: Float64Array;
  readonly meters: Float64Array;
  /** Node where the best path joins the graph; -1 for a direct run along the target's edge. */
  readonly entryNode: Int32Array;
  /** Side of the sink's edge it leaves by (0 from, 1 to), when `entryNode >= 0`. */
  readonly entrySide: Uint8Array;
  /** 1 when `seconds` is final (Infinity then means no path). */
  readonly exact: Uint8Array;
  readonly end: SearchEnd;
  /** Search cost reached when it ended (Infinity when exhausted). */
  readonly frontierCost: number;
}

/**
 * One search towards `target` on the profile's inbound graph, seeded with the partial edge
 * costs that reach the target's snap point; each settled node offers itself to the sinks joining
 * the graph there. Sinks on the target's own edge also get the direct run along it.
 */
export function searchSinks(
  net: RoadNetwork,
  ctx: SearchContext,
  set: SinkSet,
  target: Snap,
  targetOffsetMeters: number,
  options: SinkSearchOptions = {},
): SinkOutcome {
  const {
    profile,
    sinks,
    nodeOffsets,
    entrySink,
    entryCost,
    entryMeters,
    entrySide: linkSide,
    scale,
    sinkEdge,
  } = set;
  const { seconds, meters, entryNode, entrySide, exact, extra } = set.scratch;
  const n = sinks.length;
  seconds.fill(Infinity);
  meters.fill(Infinity);
  entryNode.fill(-2);
  let minScale = Infinity;
  let minExtra = Infinity;
  for (let c = 0; c < n; c++) {
    const s = sinks[c]!;
    extra[c] = s.offsetSeconds + targetOffsetMeters * s.accessSecondsPerMeter;
    if (sinkEdge[c]! < 0) continue;
    minScale = Math.min(minScale, scale[c]!);
    minExtra = Math.min(minExtra, extra[c]!);
  }

  if (!Number.isFinite(minScale)) {
    // Nobody stands on the network: only direct runs (none without a snap) could count.
    exact.fill(1);
    return { seconds, meters, entryNode, entrySide, exact, end: 'exhausted', frontierCost: Infinity };
  }

  const k = Math.max(1, Math.floor(options.k ?? Infinity));
  const topK = Number.isFinite(k) ? k : 0;
  const topIdx = new Int32Array(topK);
  const topVal = new Float64Array(topK);
  let topCount = 0;
  const offer = (c: number, value: number, m: number, node: number, side: number): void => {
    seconds[c] = value;
    meters[c] = m;
    entryNode[c] = node;
    entrySide[c] = side;
    if (topK === 0) return;
    let pos = -1;
    for (let i = 0; i < topCount; i++) if (topIdx[i] === c) pos = i;
    if (pos < 0) {
      if (topCount < topK) pos = topCount++;
      else if (value < topVal[topK - 1]!) pos = topK - 1;
      else return;
      topIdx[pos] = c;
    }
    topVal[pos] = value;
    while (pos > 0 && topVal[pos - 1]! > value) {
      topVal[pos] = topVal[pos - 1]!;
      topIdx[pos] = topIdx[pos - 1]!;
      topVal[pos - 1] = value;
      topIdx[pos - 1] = c;
      pos--;
    }
  };

  const accessMeters = targetOffsetMeters;
  for (let c = 0; c < n; c++) {
    if (sinkEdge[c] !== target.edge) continue;
    const s = sinks[c]!;
    const direct = alongEdge(net, profile, s.snap!, target);
    const value = direct.cost * scale[c]! + extra[c]!;
    if (value < seconds[c]!) offer(c, value, direct.meters + s.offsetMeters + accessMeters, -1, 0);
  }

  ctx.begin();
  // Seeds are tagged with the side of the target's edge they reach it from (for routes).
  for (const l of endLinks(net, profile, target, false)) ctx.seed(l.node, l.cost, l.meters, l.side);
  const maxSeconds = options.maxSeconds ?? Infinity;
  let maxCost = options.maxCost ?? Infinity;
  if (minScale > 0) maxCost = Math.min(maxCost, (maxSeconds - minExtra) / minScale);
  let stopCost = Infinity;
  const nodeMeters = ctx.meters;
  const end = ctx.run(profile.inbound, maxCost, (v, d) => {
    for (let e = nodeOffsets[v]!, stop = nodeOffsets[v + 1]!; e < stop; e++) {
      const c = entrySink[e]!;
      const value = (d + entryCost[e]!) * scale[c]! + extra[c]!;
      if (value < seconds[c]!) {
        const s = sinks[c]!;
        offer(c, value, nodeMeters[v]! + entryMeters[e]! + s.offsetMeters + accessMeters, v, linkSide[e]!);
      }
    }
    if (topCount === topK && topK > 0) {
      const bound = d * minScale + minExtra;
      if (bound >= topVal[topK - 1]!) {
        stopCost = d;
        return true;
      }
    }
    return false;
  });
  if (end === 'bound') stopCost = ctx.frontier;

  // A sink is final when no unsettled node could still give it less: its own lower bound.
  for (let c = 0; c < n; c++) {
    exact[c] = end === 'exhausted' || seconds[c]! <= stopCost * scale[c]! + extra[c]! ? 1 : 0;
  }
  return {
    seconds,
    meters,
    entryNode,
    entrySide,
    exact,
    end,
    frontierCost: end === 'exhausted' ? Infinity : ctx.frontier,
  };
}
