/**
 * The vertices of a network bucketed by a fixed lng/lat cell grid, with the cosine of each
 * vertex's latitude: straight-line sweeps (a drone's reach) then visit only the cells around a
 * point, not every vertex. Built once per network on first use and kept with it.
 */
import type { RoadNetwork } from './network.js';

export interface VertexCells {
  readonly minLng: number;
  readonly minLat: number;
  /** Cell size in degrees. */
  readonly cellLng: number;
  readonly cellLat: number;
  readonly cols: number;
  readonly rows: number;
  /** Cell `row * cols + col` holds `vertices[offsets[cell] .. offsets[cell + 1] - 1]`. */
  readonly offsets: Int32Array;
  readonly vertices: Int32Array;
  /** `Math.cos(vertexLat[v] * PI / 180)`, as `haversineRaw` computes it. */
  readonly cosLat: Float64Array;
}

/** About 550 m of latitude: a 4 km drone reach spans ~15 cells a side. */
const CELL_LAT_DEGREES = 0.005;
const RAD = Math.PI / 180;

const cache = new WeakMap<RoadNetwork, VertexCells>();

export function vertexCells(net: RoadNetwork): VertexCells {
  const known = cache.get(net);
  if (known) return known;
  const { vertexLng, vertexLat, vertexCount } = net;
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (let v = 0; v < vertexCount; v++) {
    minLng = Math.min(minLng, vertexLng[v]!);
    maxLng = Math.max(maxLng, vertexLng[v]!);
    minLat = Math.min(minLat, vertexLat[v]!);
    maxLat = Math.max(maxLat, vertexLat[v]!);
  }
  if (vertexCount === 0) minLng = minLat = maxLng = maxLat = 0;
  const cellLat = CELL_LAT_DEGREES;
  const cellLng = CELL_LAT_DEGREES / Math.max(0.05, Math.cos(((minLat + maxLat) / 2) * RAD));
  const cols = Math.floor((maxLng - minLng) / cellLng) + 1;
  const rows = Math.floor((maxLat - minLat) / cellLat) + 1;
  const cellOf = new Int32Array(vertexCount);
  const offsets = new Int32Array(cols * rows + 1);
  const cosLat = new Float64Array(vertexCount);
  for (let v = 0; v < vertexCount; v++) {
    const col = Math.floor((vertexLng[v]! - minLng) / cellLng);
    const row = Math.floor((vertexLat[v]! - minLat) / cellLat);
    const cell = row * cols + col;
    cellOf[v] = cell;
    offsets[cell + 1]! += 1;
    cosLat[v] = Math.cos(vertexLat[v]! * RAD);
  }
  for (let c = 0; c < cols * rows; c++) offsets[c + 1]! += offsets[c]!;
  const fill = offsets.slice(0, cols * rows);
  const vertices = new Int32Array(vertexCount);
  for (let v = 0; v < vertexCount; v++) vertices[fill[cellOf[v]!]!++] = v;
  const cells: VertexCells = { minLng, minLat, cellLng, cellLat, cols, rows, offsets, vertices, cosLat };
  cache.set(net, cells);
  return cells;
}
