import { ArcList } from './csr.js';
import type { RoadFeatureInfo, TurnStates } from './network.js';

/** A turn restriction resolved to a graph node, by the feature ids of its from and to roads. */
export interface NodeRestriction {
  readonly node: number;
  readonly mode: 'no' | 'only';
  readonly from: string;
  readonly to: string;
  /** Index of the restriction's feature in the input (for the report). */
  readonly index: number;
}

/** The graph's edges as the turn expansion needs them. */
export interface TurnInput {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeSegStart: Int32Array;
  readonly segFeature: Int32Array;
  readonly features: readonly RoadFeatureInfo[];
  /** Driving arcs before expansion, and per arc 1 when it runs along its edge (from -> to). */
  readonly arcs: ArcList;
  readonly arcAlong: readonly number[];
}

/** The driving arcs with turn restrictions built in, and how to enter and leave them. */
export interface TurnExpansion {
  readonly arcs: ArcList;
  readonly turns: TurnStates;
  /** Indices (input) of the restrictions applied, and of those matching no turn at their node. */
  readonly applied: number[];
  readonly unmatched: number[];
}

/**
 * Builds turn restrictions into a node graph by splitting only the restricted junctions: such a
 * junction gets one state per driving arc into it ("arrived along this road") whose arcs out are
 * the turns allowed from that road, while its own node keeps every arc out (a traveller starting
 * there has no previous road) and no arc in. The rest of the graph, and every search on it, stays
 * node-based, so searches pay only for the few split junctions (Monaco: 27 restrictions).
 *
 * Known approximation: per-vertex times inside an edge leaving a split junction (isochrone outlines,
 * `vertexTimes`) start from the junction's best state, which may not be allowed onto that edge; node
 * times, ETAs and routes are exact (property-tested against an edge-based brute force).
 *
 * Returns null when no restriction applies.
 */
export function expandTurns(
  input: TurnInput,
  restrictions: readonly NodeRestriction[],
): TurnExpansion | null {
  const { nodeCount, edgeFrom, edgeTo, edgeSegStart, segFeature, features, arcs, arcAlong } = input;
  const m = arcs.tails.length;
  // Feature id of edge e at its from end (side 0) / to end (side 1): chained edges may join features.
  const featureAt = (e: number, side: number): string => {
    const s = side === 0 ? edgeSegStart[e]! : edgeSegStart[e + 1]! - 1;
    return String(features[segFeature[s]!]?.id ?? '');
  };
  // For an arc into node v: its edge's feature at v; for an arc out of v: likewise.
  const inFeature = (a: number) => featureAt(arcs.edges[a]!, arcAlong[a] ? 1 : 0);
  const outFeature = (a: number) => featureAt(arcs.edges[a]!, arcAlong[a] ? 0 : 1);

  const byNode = new Map<number, NodeRestriction[]>();
  for (const r of restrictions) {
    const list = byNode.get(r.node);
    if (list) list.push(r);
    else byNode.set(r.node, [r]);
  }
  if (byNode.size === 0) return null;
  const arcsIn = new Map<number, number[]>();
  const arcsOut = new Map<number, number[]>();
  for (let a = 0; a < m; a++) {
    const h = arcs.heads[a]!;
    const t = arcs.tails[a]!;
    if (byNode.has(h)) (arcsIn.get(h) ?? arcsIn.set(h, []).get(h)!).push(a);
    if (byNode.has(t)) (arcsOut.get(t) ?? arcsOut.set(t, []).get(t)!).push(a);
  }

  // Banned (arc in, arc out) pairs per restricted node.
  const banned = new Set<number>();
  const key = (a: number, b: number) => a * m + b;
  const applied: number[] = [];
  const unmatched: number[] = [];
  for (const [v, list] of byNode) {
    const ins = arcsIn.get(v) ?? [];
    const outs = arcsOut.get(v) ?? [];
    for (const r of list) {
      const fromArcs = ins.filter((a) => inFeature(a) === r.from);
      const toArcs = outs.filter((b) => outFeature(b) === r.to);
      if (fromArcs.length === 0 || toArcs.length === 0) {
        unmatched.push(r.index);
        continue;
      }
      applied.push(r.index);
      for (const a of fromArcs)
        for (const b of outs) {
          const isTo = toArcs.includes(b);
          if (r.mode === 'no' ? isTo : !isTo) banned.add(key(a, b));
        }
    }
  }
  if (applied.length === 0) return null;

  // One state per arc into a restricted node whose restrictions matched.
  const split = new Set<number>();
  for (const [v, list] of byNode) if (list.some((r) => applied.includes(r.index))) split.add(v);
  const copyOfArc = new Int32Array(m).fill(-1);
  const copyPrimary: number[] = [];
  for (let a = 0; a < m; a++) {
    if (!split.has(arcs.heads[a]!)) continue;
    copyOfArc[a] = nodeCount + copyPrimary.length;
    copyPrimary.push(arcs.heads[a]!);
  }

  const out = new ArcList();
  const edgeCount = input.edgeCount;
  const arrival = new Int32Array(2 * edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    arrival[2 * e] = edgeFrom[e]!;
    arrival[2 * e + 1] = edgeTo[e]!;
  }
  const depart: number[][] = Array.from({ length: 2 * edgeCount }, () => []);
  for (let b = 0; b < m; b++) {
    const x = arcs.tails[b]!;
    const e = arcs.edges[b]!;
    const along = arcAlong[b]!;
    const target = copyOfArc[b]! >= 0 ? copyOfArc[b]! : arcs.heads[b]!;
    if (copyOfArc[b]! >= 0) arrival[2 * e + (along ? 1 : 0)] = target;
    const leaving = depart[2 * e + (along ? 0 : 1)]!;
    const add = (state: number) => {
      out.add(state, target, arcs.cost[b]!, arcs.meters[b]!, e);
      leaving.push(state);
    };
    add(x);
    if (split.has(x)) for (const a of arcsIn.get(x) ?? []) if (!banned.has(key(a, b))) add(copyOfArc[a]!);
  }

  const departOffsets = new Int32Array(2 * edgeCount + 1);
  for (let i = 0; i < depart.length; i++) departOffsets[i + 1] = departOffsets[i]! + depart[i]!.length;
  const departStates = Int32Array.from(depart.flat());
  const copyOffsets = new Int32Array(nodeCount + 1);
  for (const p of copyPrimary) copyOffsets[p + 1]! += 1;
  for (let v = 0; v < nodeCount; v++) copyOffsets[v + 1]! += copyOffsets[v]!;
  const copies = new Int32Array(copyPrimary.length);
  const fill = copyOffsets.slice(0, nodeCount);
  copyPrimary.forEach((p, i) => (copies[fill[p]!++] = nodeCount + i));
  return {
    arcs: out,
    applied,
    unmatched,
    turns: {
      junctionCount: nodeCount,
      copyPrimary: Int32Array.from(copyPrimary),
      arrival,
      departOffsets,
      departStates,
      copyOffsets,
      copies,
    },
  };
}

/** Labels per junction extended to the turn states (their junction's label, or `fill`). */
export function labelsWithStates(labels: Int32Array, turns: TurnStates | null, fill?: number): Int32Array {
  if (!turns) return labels;
  const out = new Int32Array(labels.length + turns.copyPrimary.length);
  out.set(labels);
  turns.copyPrimary.forEach((p, i) => (out[labels.length + i] = fill ?? labels[p]!));
  return out;
}
