import type { LngLat } from '@dispatch/domain';
import type { FeatureCollection, MultiPolygonGeometry, PolygonGeometry } from './geojson.js';
import { outlineRings } from './outline.js';
import { travelTimesFrom, type NodeTravelTimes, type TravelTimesOptions } from './travel-times.js';
import { vertexTimesInto, type VertexTimes } from './vertex-times.js';
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
  /**
   * Smoothing: gaps between reached roads narrower than `concavity * detailMeters` are filled
   * (default 2; 1 follows the roads more closely, higher is smoother).
   */
  readonly concavity?: number;
  /**
   * Outline detail in meters (default 100): the outline is drawn on a grid of a quarter of this
   * (finer for small areas). Smaller is finer and slower.
   */
  readonly detailMeters?: number;
}

/** Isochrone polygons together with the per-node seconds they were drawn from. */
export interface Isochrones {
  readonly polygons: IsochroneCollection;
  /** Null without a usable road network. */
  readonly times: NodeTravelTimes | null;
}

/** Reused between calls: piece coordinates (grown on demand). */
let pieceBuffer = new Float64Array(1 << 14);

/**
 * The stretches of road reached within `limit`, in meters of the local plane, as flat segments
 * `[ax, ay, bx, by]` (a lone reached vertex as a zero-length one): from each reached vertex along
 * its segments as far as travel direction and the remaining time allow, and each origin's own
 * stretch from its snap point. A view into a buffer reused by the next call.
 */
function reachedPieces(t: NodeTravelTimes, vt: VertexTimes, limit: number): Float64Array {
  const net = t.network;
  const { vertexX: x, vertexY: y, segFrom, segTo, edgeSegStart, edgeFlags } = net;
  const { seconds, edges } = vt;
  const { profile, secondsPerCost: k } = t;
  const { segCost } = profile;
  // Outbound the area grows along travel; inbound it grows against it.
  const outbound = t.direction === 'outbound';
  const alongMask = outbound ? profile.forwardMask : profile.backwardMask;
  const againstMask = outbound ? profile.backwardMask : profile.forwardMask;
  let out = pieceBuffer;
  let n = 0;
  const reserve = (more: number) => {
    if (n + more <= out.length) return;
    const grown = new Float64Array(Math.max(2 * out.length, n + more));
    grown.set(out.subarray(0, n));
    out = pieceBuffer = grown;
  };
  // Only edges touched within the largest limit can matter (vt.edges).
  for (let q = 0; q < edges.length; q++) {
    const e = edges[q]!;
    const aToB = (edgeFlags[e]! & alongMask) !== 0;
    const bToA = (edgeFlags[e]! & againstMask) !== 0;
    for (let s = edgeSegStart[e]!, end = edgeSegStart[e + 1]!; s < end; s++) {
      const a = segFrom[s]!;
      const b = segTo[s]!;
      const ta = seconds[a]!;
      const tb = seconds[b]!;
      if (!(ta <= limit) && !(tb <= limit)) continue;
      reserve(8);
      const segSeconds = segCost[s]! * k;
      const ax = x[a]!;
      const ay = y[a]!;
      const bx = x[b]!;
      const by = y[b]!;
      const fa = ta <= limit ? (aToB ? reachFraction(limit - ta, segSeconds) : 0) : -1;
      if (fa >= 0) {
        out[n++] = ax;
        out[n++] = ay;
        out[n++] = ax + (bx - ax) * fa;
        out[n++] = ay + (by - ay) * fa;
      }
      // From b only what a's piece does not already cover.
      if (tb <= limit && fa < 1) {
        const fb = bToA ? reachFraction(limit - tb, segSeconds) : 0;
        out[n++] = bx;
        out[n++] = by;
        out[n++] = bx + (ax - bx) * fb;
        out[n++] = by + (ay - by) * fb;
      }
    }
  }
  for (const o of t.origins) {
    if (!o || o.offsetSeconds > limit) continue;
    const { snap } = o;
    const a = segFrom[snap.segment]!;
    const b = segTo[snap.segment]!;
    const flags = edgeFlags[snap.edge]!;
    const reach = reachFraction(limit - o.offsetSeconds, segCost[snap.segment]! * k);
    const from = flags & againstMask ? Math.max(0, snap.fraction - reach) : snap.fraction;
    const to = flags & alongMask ? Math.min(1, snap.fraction + reach) : snap.fraction;
    const ax = x[a]!;
    const ay = y[a]!;
    const dx = x[b]! - ax;
    const dy = y[b]! - ay;
    reserve(4);
    out[n++] = ax + dx * from;
    out[n++] = ay + dy * from;
    out[n++] = ax + dx * to;
    out[n++] = ay + dy * to;
  }
  return out.subarray(0, n);
}

/** Fraction of a segment of `segSeconds` covered in `remaining` seconds. */
function reachFraction(remaining: number, segSeconds: number): number {
  return segSeconds > 0 ? Math.min(1, remaining / segSeconds) : 1;
}

/**
 * Grid cells across the reached area: below this many at `detailMeters / 4` the cells shrink (a
 * short stretch of road still gets a tight outline), above the larger count they grow (the work
 * stays bounded for large areas and coverage of many units).
 */
const MIN_CELLS_ACROSS = 64;
const MAX_CELLS_ACROSS = 192;
/** Smallest grid cell in meters. */
const MIN_CELL_METERS = 1;

/** The larger side in meters of the pieces' bounding box (0 for none). */
function piecesExtent(pieces: Float64Array): number {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let p = 0; p < pieces.length; p += 2) {
    const px = pieces[p]!;
    const py = pieces[p + 1]!;
    if (px < minX) minX = px;
    if (px > maxX) maxX = px;
    if (py < minY) minY = py;
    if (py > maxY) maxY = py;
  }
  return pieces.length > 0 ? Math.max(maxX - minX, maxY - minY) : 0;
}

const vertexBufferCache = new WeakMap<RoadNetwork, [Float64Array, Int32Array]>();

/** Per-vertex seconds and origin arrays of a network, reset (fresh ones cost page faults). */
function vertexBuffers(net: RoadNetwork): [Float64Array, Int32Array] {
  let b = vertexBufferCache.get(net);
  if (!b) {
    b = [new Float64Array(net.vertexCount), new Int32Array(net.vertexCount)];
    vertexBufferCache.set(net, b);
  }
  b[0].fill(Infinity);
  b[1].fill(-1);
  return b;
}

/** Per threshold, the number of vertices reached within it. */
function reachedVertexCounts(seconds: Float64Array, thresholds: readonly number[]): number[] {
  const counts = thresholds.map(() => 0);
  for (let v = 0; v < seconds.length; v++) {
    const s = seconds[v]!;
    if (s === Infinity) continue;
    for (let i = 0; i < thresholds.length; i++) if (s <= thresholds[i]!) counts[i]!++;
  }
  return counts;
}

/**
 * Isochrone polygons from per-node seconds: per threshold, the outline of the road stretches
 * reached in time (`outlineRings`): grid cells of a quarter of `detailMeters` (finer for small
 * areas), gaps between reached roads narrower than `concavity * detailMeters` and areas enclosed
 * by them filled. Every reached point lies inside. Areas reached from several origins merge; areas
 * apart from each other make a MultiPolygon.
 */
export function isochronePolygons(
  times: NodeTravelTimes,
  thresholdsSeconds: readonly number[] = DEFAULT_ISOCHRONE_SECONDS,
  concavity = 2,
  detailMeters = 100,
): IsochroneCollection {
  const features: IsochroneCollection['features'] = [];
  const proj = times.network.projection;
  const vt = vertexTimesInto(times, Math.max(...thresholdsSeconds), ...vertexBuffers(times.network));
  const counts = reachedVertexCounts(vt.seconds, thresholdsSeconds);
  thresholdsSeconds.forEach((limit, i) => {
    const pieces = reachedPieces(times, vt, limit);
    const extent = piecesExtent(pieces);
    const cellMeters = Math.max(
      MIN_CELL_METERS,
      extent / MAX_CELLS_ACROSS,
      Math.min(detailMeters / 4, extent / MIN_CELLS_ACROSS),
    );
    const rings = outlineRings(pieces, { cellMeters, closeMeters: (concavity * detailMeters) / 2 }).map(
      (flat) => {
        const ring: number[][] = [];
        for (let p = 0; p < flat.length; p += 2) {
          ring.push([proj.lng0 + flat[p]! / proj.mPerDegLng, proj.lat0 + flat[p + 1]! / proj.mPerDegLat]);
        }
        return ring;
      },
    );
    if (rings.length === 0) return;
    const geometry: PolygonGeometry | MultiPolygonGeometry =
      rings.length === 1
        ? { type: 'Polygon', coordinates: [rings[0]!] }
        : { type: 'MultiPolygon', coordinates: rings.map((r) => [r]) };
    features.push({ type: 'Feature', geometry, properties: { seconds: limit, vertexCount: counts[i]! } });
  });
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
