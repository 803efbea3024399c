/**
 * H3 cell of many points, fast and with h3-js's answer. `latLngToCell` costs a few microseconds a
 * call (a 1M-incident history would spend seconds there), so the locator remembers the cells it
 * has met per small square of the map and first tests a point against their hexagons, in metres
 * around each cell centre. Only a point within `marginMeters` of a known cell's edge, or in a square
 * with no known cell containing it, goes to h3-js. Cell edges are great-circle arcs (straight in
 * H3's gnomonic face planes); over a hexagon their chord and the local plane stray from the arc by
 * well under the margin, so a point that passes the test lies in that cell. Non-convex cells (the
 * few that cross an icosahedron edge) pass only points inside every edge's half-plane, which lie
 * inside the cell too.
 */
import { cellToBoundary, cellToLatLng, getHexagonEdgeLengthAvg, latLngToCell } from 'h3-js';

const METERS_PER_DEGREE = 111_195.08;
const EARTH_RADIUS_METERS = 6_371_008.8;
/** The most vertices a cell boundary has (a hexagon crossing icosahedron edges). */
const MAX_EDGES = 10;

export class CellLocator {
  /** Cells met so far, in order of first appearance; `locate` returns an index into it. */
  readonly cells: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly squares = new Map<number, number[]>();
  private readonly squareDegrees: number;
  private readonly marginMeters: number;
  // Per cell: centre, metres per degree of longitude there, edge count, and per edge the inward
  // unit normal (nx, ny) and offset c so that nx * x + ny * y + c is the distance inside.
  private centreLng = new Float64Array(64);
  private centreLat = new Float64Array(64);
  private metersPerLng = new Float64Array(64);
  private edgeCount = new Uint8Array(64);
  private edges = new Float64Array(64 * MAX_EDGES * 3);
  /** Points answered by h3-js (the rest by the hexagon test), for benchmarks. */
  slowLookups = 0;

  constructor(readonly resolution: number) {
    const edge = getHexagonEdgeLengthAvg(resolution, 'm');
    this.squareDegrees = edge / 2 / METERS_PER_DEGREE;
    // 1 m, plus a generous bound of the chord and projection error over a cell (millimetres at res 9).
    this.marginMeters = 1 + (4 * edge * edge) / EARTH_RADIUS_METERS;
  }

  /** Index (into `cells`) of the cell containing `[lng, lat]`; registers the cell if new. */
  locate(lng: number, lat: number): number {
    const key =
      Math.floor((lat + 90) / this.squareDegrees) * 1e7 + Math.floor((lng + 180) / this.squareDegrees);
    const known = this.squares.get(key);
    if (known) {
      for (let i = 0; i < known.length; i++) {
        const c = known[i]!;
        if (this.insideWithMargin(c, lng, lat)) return c;
      }
    }
    this.slowLookups += 1;
    const c = this.add(latLngToCell(lat, lng, this.resolution));
    if (!known) this.squares.set(key, [c]);
    else if (!known.includes(c)) known.push(c);
    return c;
  }

  /** Index of `cell` (an H3 index at this resolution), registering it if new. */
  add(cell: string): number {
    const found = this.index.get(cell);
    if (found !== undefined) return found;
    const c = this.cells.length;
    this.cells.push(cell);
    this.index.set(cell, c);
    this.grow(c + 1);
    const [lat0, lng0] = cellToLatLng(cell);
    const kx = METERS_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);
    this.centreLng[c] = lng0;
    this.centreLat[c] = lat0;
    this.metersPerLng[c] = kx;
    const ring = cellToBoundary(cell).map(
      ([lat, lng]) => [(lng - lng0) * kx, (lat - lat0) * METERS_PER_DEGREE] as const,
    );
    let twiceArea = 0;
    for (let i = 0; i < ring.length; i++) {
      const [x1, y1] = ring[i]!;
      const [x2, y2] = ring[(i + 1) % ring.length]!;
      twiceArea += x1 * y2 - x2 * y1;
    }
    const turn = twiceArea >= 0 ? 1 : -1; // inward normal side for either winding
    // Near the poles or across the antimeridian the local plane does not hold: h3-js answers there.
    const local = Math.abs(lat0) < 80 && ring.every(([x]) => Math.abs(x) < 1e6);
    const n = local ? Math.min(ring.length, MAX_EDGES) : 0;
    this.edgeCount[c] = n;
    for (let i = 0; i < n; i++) {
      const [x1, y1] = ring[i]!;
      const [x2, y2] = ring[(i + 1) % ring.length]!;
      const length = Math.hypot(x2 - x1, y2 - y1) || 1;
      const nx = (-(y2 - y1) / length) * turn;
      const ny = ((x2 - x1) / length) * turn;
      const o = (c * MAX_EDGES + i) * 3;
      this.edges[o] = nx;
      this.edges[o + 1] = ny;
      this.edges[o + 2] = -(nx * x1 + ny * y1);
    }
    return c;
  }

  /** Index of `cell` if met before, else -1. */
  indexOf(cell: string): number {
    return this.index.get(cell) ?? -1;
  }

  private insideWithMargin(c: number, lng: number, lat: number): boolean {
    const x = (lng - this.centreLng[c]!) * this.metersPerLng[c]!;
    const y = (lat - this.centreLat[c]!) * METERS_PER_DEGREE;
    const n = this.edgeCount[c]!;
    if (n === 0) return false;
    // A cell crossing an icosahedron edge has more than 6 vertices and may not be convex.
    let o = c * MAX_EDGES * 3;
    for (let i = 0; i < n; i++, o += 3) {
      if (this.edges[o]! * x + this.edges[o + 1]! * y + this.edges[o + 2]! < this.marginMeters) return false;
    }
    return true;
  }

  private grow(size: number): void {
    if (size <= this.centreLng.length) return;
    const capacity = this.centreLng.length * 2;
    const bigger = <T extends Float64Array | Uint8Array>(a: T, per = 1): T => {
      const next = new (a.constructor as new (n: number) => T)(capacity * per);
      next.set(a);
      return next;
    };
    this.centreLng = bigger(this.centreLng);
    this.centreLat = bigger(this.centreLat);
    this.metersPerLng = bigger(this.metersPerLng);
    this.edgeCount = bigger(this.edgeCount);
    this.edges = bigger(this.edges, MAX_EDGES * 3);
  }
}
