import type { LngLat } from '@dispatch/domain';
import type { RoadNetwork } from './network.js';
import type { Snap } from './snap.js';

/** Number of segments in edge `e` (its vertices are positions 0..count). */
export function edgeSegmentCount(net: RoadNetwork, e: number): number {
  return net.edgeSegStart[e + 1]! - net.edgeSegStart[e]!;
}

/** Vertex at position `i` (0 = the `from` node, segment count = the `to` node) of edge `e`. */
export function edgeVertex(net: RoadNetwork, e: number, i: number): number {
  const start = net.edgeSegStart[e]!;
  return i < edgeSegmentCount(net, e) ? net.segFrom[start + i]! : net.segTo[start + i - 1]!;
}

/** Position of a snap along its edge in vertex units (segment index + fraction). */
export function snapPosition(net: RoadNetwork, snap: Snap): number {
  return snap.segment - net.edgeSegStart[snap.edge]! + snap.fraction;
}

/** Appends `p` unless it repeats the last point. */
export function pushPoint(path: LngLat[], p: LngLat): void {
  const last = path[path.length - 1];
  if (!last || last[0] !== p[0] || last[1] !== p[1]) path.push(p);
}

/** Appends the vertices of edge `e` lying between positions `from` and `to`, in travel order. */
export function pushEdgeVertices(
  net: RoadNetwork,
  path: LngLat[],
  e: number,
  from: number,
  to: number,
): void {
  const add = (i: number) => {
    const v = edgeVertex(net, e, i);
    pushPoint(path, [net.vertexLng[v]!, net.vertexLat[v]!]);
  };
  if (from <= to) for (let i = Math.ceil(from); i <= Math.floor(to); i++) add(i);
  else for (let i = Math.floor(from); i >= Math.ceil(to); i--) add(i);
}
