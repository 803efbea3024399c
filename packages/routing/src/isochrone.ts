import type { LngLat } from '@dispatch/domain';
import type { FeatureCollection, MultiPolygonGeometry, PolygonGeometry } from './geojson.js';
import { hullRing } from './hull.js';
import { travelTimesFrom, type NodeTravelTimes, type TravelTimesOptions } from './travel-times.js';
import { vertexTimes, type VertexTimes } from './vertex-times.js';
import type { RoadNetwork } from './network.js';

/** Default isochrone thresholds: the 1-3-5 minute response clocks. */
export const DEFAULT_ISOCHRONE_SECONDS: readonly number[] = [60, 180, 300];

/** Properties of one isochrone feature. */
export interface IsochroneProperties {
  /** The threshold the polygon encloses. */
  seconds: number;
  /** Reached road vertices inside it (0: only the origin's own segment is reached). */
  vertexCount: number;
}

export type IsochroneCollection = FeatureCollection<
  PolygonGeometry | MultiPolygonGeometry,
  IsochroneProperties
>;

/** Options of {@link isochrones}. */
export interface IsochroneOptions extends TravelTimesOptions {
  /** Thresholds in seconds (default 60, 180, 300). */
  readonly thresholdsSeconds?: readonly number[];
  /** concaveman concavity: 1 detailed, higher smoother (default 2). */
  readonly concavity?: number;
  /**
   * Outline detail in meters (default 100): interior points are thinned to one per cell of this
   * size and hull edges shorter than half of it are not refined. Smaller is finer and slower.
   */
  readonly detailMeters?: number;
}

/** Isochrone polygons together with the per-node seconds they were drawn from. */
export interface Isochrones {
  readonly polygons: IsochroneCollection;
  /** Null without a usable road network. */
  readonly times: NodeTravelTimes | null;
}

/**
 * Points that outline the area reached within `limit`, in meters of the local plane, grouped by
 * the origin that reaches them first: the point where the limit runs out inside each segment
 * leaving the area and the reached vertices at those segments (one per cell of a quarter of
 * `cellMeters`), reached junctions (one per cell of `cellMeters`), and the reached stretch of each
 * origin's own segment. Interior shape vertices are left out: they cannot shape the outline.
 */
function reachablePoints(
  t: NodeTravelTimes,
  vt: VertexTimes,
  limit: number,
  cellMeters: number,
): { groups: Map<number, number[][]>; vertices: number } {
  const net = t.network;
  const { vertexX: x, vertexY: y, segFrom, segTo, edgeSegStart, edgeFlags, vertexNode } = net;
  const { seconds, origin } = vt;
  const { profile, secondsPerCost: k } = t;
  const outbound = t.direction === 'outbound';
  const groups = new Map<number, number[][]>();
  const group = (o: number): number[][] => {
    let g = groups.get(o);
    if (!g) groups.set(o, (g = []));
    return g;
  };
  // At most one point per grid cell and origin: the hull's cost grows with the point count.
  const cells = new Set<number>();
  const keep = (px: number, py: number, o: number, size: number, layer: number) => {
    const key =
      Math.floor(px / size) + 32768 + (Math.floor(py / size) + 32768) * 65536 + (o * 4 + layer) * 2 ** 32;
    if (cells.has(key)) return;
    cells.add(key);
    group(o).push([px, py]);
  };
  const frontier = new Uint8Array(net.vertexCount);
  const cut = (a: number, b: number, segSeconds: number) => {
    frontier[a] = 1;
    const f = (limit - seconds[a]!) / segSeconds;
    if (f > 0 && f < 1)
      keep(x[a]! + (x[b]! - x[a]!) * f, y[a]! + (y[b]! - y[a]!) * f, origin[a]!, cellMeters / 4, 0);
  };
  let vertices = 0;
  // Only edges touched within the largest limit can matter (vt.edges).
  for (const e of vt.edges) {
    const flags = edgeFlags[e]!;
    // Outbound the area grows along travel; inbound it grows against it.
    const aToB = (flags & (outbound ? profile.forwardMask : profile.backwardMask)) !== 0;
    const bToA = (flags & (outbound ? profile.backwardMask : profile.forwardMask)) !== 0;
    for (let s = edgeSegStart[e]!, end = edgeSegStart[e + 1]!; s < end; s++) {
      const a = segFrom[s]!;
      const b = segTo[s]!;
      const ta = seconds[a]!;
      const tb = seconds[b]!;
      if (ta <= limit === tb <= limit) continue;
      const segSeconds = profile.segCost[s]! * k;
      if (ta <= limit && aToB) cut(a, b, segSeconds);
      if (tb <= limit && bToA) cut(b, a, segSeconds);
    }
  }
  const seen = new Uint8Array(net.vertexCount);
  for (const e of vt.edges) {
    for (let s = edgeSegStart[e]!, end = edgeSegStart[e + 1]!; s <= end; s++) {
      const v = s < end ? segFrom[s]! : segTo[end - 1]!;
      if (seen[v] || !(seconds[v]! <= limit)) continue;
      seen[v] = 1;
      vertices++;
      // Frontier vertices hold the outline; interior junctions only stop the hull cutting deep.
      if (frontier[v]) keep(x[v]!, y[v]!, origin[v]!, cellMeters / 4, 1);
      else if (vertexNode[v]! >= 0) keep(x[v]!, y[v]!, origin[v]!, cellMeters, 2);
    }
  }
  t.origins.forEach((o, i) => {
    if (!o || o.offsetSeconds > limit) return;
    const { snap } = o;
    const a = segFrom[snap.segment]!;
    const b = segTo[snap.segment]!;
    const sx = x[a]! + (x[b]! - x[a]!) * snap.fraction;
    const sy = y[a]! + (y[b]! - y[a]!) * snap.fraction;
    const pts = group(i);
    pts.push([sx, sy]);
    const flags = edgeFlags[snap.edge]!;
    const reach = (limit - o.offsetSeconds) / (profile.segCost[snap.segment]! * k);
    const ahead = (flags & (outbound ? profile.forwardMask : profile.backwardMask)) !== 0;
    const behind = (flags & (outbound ? profile.backwardMask : profile.forwardMask)) !== 0;
    for (const f of [
      ahead ? Math.min(1, snap.fraction + reach) : null,
      behind ? Math.max(0, snap.fraction - reach) : null,
    ]) {
      if (f !== null) pts.push([x[a]! + (x[b]! - x[a]!) * f, y[a]! + (y[b]! - y[a]!) * f]);
    }
  });
  return { groups, vertices };
}

/**
 * Isochrone polygons from per-node seconds: per threshold, a concave hull (concaveman) of the
 * reached road vertices plus interpolated points where the time runs out along roads. With several
 * origins each origin's first-reached points get their own hull, so the result is a MultiPolygon
 * whose parts may overlap slightly at their borders (fine for display and point-in-area tests).
 */
export function isochronePolygons(
  times: NodeTravelTimes,
  thresholdsSeconds: readonly number[] = DEFAULT_ISOCHRONE_SECONDS,
  concavity = 2,
  detailMeters = 100,
): IsochroneCollection {
  const features: IsochroneCollection['features'] = [];
  const vt = vertexTimes(times, Math.max(...thresholdsSeconds));
  for (const limit of thresholdsSeconds) {
    const { groups, vertices } = reachablePoints(times, vt, limit, detailMeters);
    const rings = [...groups.values()].map((pts) =>
      hullRing(pts, times.network.projection, concavity, detailMeters / 2),
    );
    if (rings.length === 0) continue;
    const geometry: PolygonGeometry | MultiPolygonGeometry =
      rings.length === 1
        ? { type: 'Polygon', coordinates: [rings[0]!] }
        : { type: 'MultiPolygon', coordinates: rings.map((r) => [r]) };
    features.push({ type: 'Feature', geometry, properties: { seconds: limit, vertexCount: vertices } });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Areas reachable within each threshold (default 1, 3, 5 minutes) from one point, or from any of
 * several (coverage of a set of units). Searches up to the largest threshold unless
 * `maxSeconds` asks for more (e.g. Infinity for one-to-all ETAs in `times`).
 */
export function isochrones(
  network: RoadNetwork | null | undefined,
  origins: LngLat | readonly LngLat[],
  options: IsochroneOptions = {},
): Isochrones {
  const thresholds = options.thresholdsSeconds ?? DEFAULT_ISOCHRONE_SECONDS;
  const list: readonly LngLat[] = isSinglePoint(origins) ? [origins] : origins;
  const maxSeconds = Math.max(options.maxSeconds ?? 0, ...thresholds);
  const times = travelTimesFrom(network, list, { ...options, maxSeconds });
  if (!times) return { polygons: { type: 'FeatureCollection', features: [] }, times: null };
  return { polygons: isochronePolygons(times, thresholds, options.concavity, options.detailMeters), times };
}

function isSinglePoint(o: LngLat | readonly LngLat[]): o is LngLat {
  return typeof o[0] === 'number';
}
