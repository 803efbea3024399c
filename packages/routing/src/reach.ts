import type { ReachReport } from './network.js';

/** Share and places of the junctions outside the largest strongly connected component. */
export function reachReport(
  scc: { label: Int32Array; sizes: ArrayLike<number>; largest: number },
  nodeVertex: readonly number[],
  lng: Float64Array,
  lat: Float64Array,
): ReachReport {
  let drivable = 0;
  const count = new Map<number, { n: number; lng: number; lat: number }>();
  for (let v = 0; v < scc.label.length; v++) {
    const c = scc.label[v]!;
    if (c < 0) continue;
    drivable++;
    if (c === scc.largest) continue;
    const piece = count.get(c) ?? { n: 0, lng: 0, lat: 0 };
    piece.n++;
    piece.lng += lng[nodeVertex[v]!]!;
    piece.lat += lat[nodeVertex[v]!]!;
    count.set(c, piece);
  }
  const outside = drivable - (scc.largest >= 0 ? scc.sizes[scc.largest]! : 0);
  const pieces = [...count.values()]
    .sort((a, b) => b.n - a.n)
    .slice(0, 10)
    .map((p) => ({ junctions: p.n, lngLat: [p.lng / p.n, p.lat / p.n] as const }));
  return {
    drivableJunctions: drivable,
    outsideLargest: outside,
    outsideShare: drivable > 0 ? outside / drivable : 0,
    pieces,
  };
}
