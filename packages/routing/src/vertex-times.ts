import { edgeSegmentCount, edgeVertex } from './edge-geometry.js';
import { alongCost } from './profile.js';
import type { NodeTravelTimes } from './travel-times.js';

/** Seconds and fastest origin per vertex (every line vertex, not only graph nodes). */
export interface VertexTimes {
  /** Infinity when not reached within the limit. */
  readonly seconds: Float64Array;
  readonly origin: Int32Array;
  /** Edges with at least one vertex reached within the limit. */
  readonly edges: Int32Array;
}

/**
 * Expands node times to every vertex: along each edge from whichever end (as direction rules
 * allow) gives the smaller time, plus the stretch of each origin's own edge reached directly.
 * Only times up to `limit` (default: the search's `maxSeconds`) are kept, and edges whose both
 * ends are beyond it are skipped, so drawing a 5-minute area after a one-to-all search stays cheap.
 */
export function vertexTimes(t: NodeTravelTimes, limit = t.maxSeconds): VertexTimes {
  const n = t.network.vertexCount;
  return vertexTimesInto(t, limit, new Float64Array(n).fill(Infinity), new Int32Array(n).fill(-1));
}

/**
 * {@link vertexTimes} into the caller's arrays (vertex count long, all Infinity and -1 on entry),
 * so repeated isochrones reuse them.
 */
export function vertexTimesInto(
  t: NodeTravelTimes,
  limit: number,
  seconds: Float64Array,
  origin: Int32Array,
): VertexTimes {
  const net = t.network;
  const { profile, secondsPerCost: k } = t;
  const outbound = t.direction === 'outbound';
  const edges: number[] = [];
  const { segFrom, segTo, edgeSegStart, edgeFrom, edgeTo, edgeFlags } = net;
  const { segStartCost, edgeCost } = profile;
  // Outbound, travel along the edge reaches inner vertices from `from`; inbound, they reach `to`.
  const maskFromStart = outbound ? profile.forwardMask : profile.backwardMask;
  const maskFromEnd = outbound ? profile.backwardMask : profile.forwardMask;
  for (let e = 0; e < net.edgeCount; e++) {
    const flags = edgeFlags[e]!;
    const u = edgeFrom[e]!;
    const w = edgeTo[e]!;
    const tu = flags & maskFromStart ? t.seconds[u]! : Infinity;
    const tw = flags & maskFromEnd ? t.seconds[w]! : Infinity;
    if (tu > limit && tw > limit) continue;
    edges.push(e);
    const ou = t.origin[u]!;
    const ow = t.origin[w]!;
    const total = edgeCost[e]!;
    const end = edgeSegStart[e + 1]!;
    for (let s = edgeSegStart[e]!; s <= end; s++) {
      // Vertex at the start of segment s; past the last segment, the edge's end vertex.
      const v = s < end ? segFrom[s]! : segTo[end - 1]!;
      const c = s < end ? segStartCost[s]! : total;
      const viaU = tu + c * k;
      const viaW = tw + (total - c) * k;
      const best = viaU <= viaW ? viaU : viaW;
      if (best < seconds[v]! && best <= limit) {
        seconds[v] = best;
        origin[v] = viaU <= viaW ? ou : ow;
      }
    }
  }
  t.origins.forEach((o, i) => {
    if (!o) return;
    const { snap, offsetSeconds } = o;
    const e = snap.edge;
    const flags = edgeFlags[e]!;
    const pos = alongCost(profile, snap);
    const m = edgeSegmentCount(net, e);
    let touched = false;
    for (let j = 0; j <= m; j++) {
      const c = j < m ? segStartCost[edgeSegStart[e]! + j]! : edgeCost[e]!;
      if (!((c >= pos && flags & maskFromStart) || (c <= pos && flags & maskFromEnd))) continue;
      const s = offsetSeconds + Math.abs(c - pos) * k;
      const v = edgeVertex(net, e, j);
      if (s < seconds[v]! && s <= limit) {
        seconds[v] = s;
        origin[v] = i;
        touched = true;
      }
    }
    if (touched) edges.push(e);
  });
  return { seconds, origin, edges: Int32Array.from(edges) };
}
