/**
 * Outline of the area that a set of line pieces (the reached stretches of road) covers, drawn on a
 * grid: mark every cell a piece passes through, close gaps narrower than about twice
 * `closeMeters` (dilate, fill holes, erode, with chamfer distances), then trace the result with
 * marching squares. A fixed number of passes over the cells and no search over points, and the
 * outline provably encloses every piece: each marked cell's 3 x 3 block survives the closing (the
 * dilation reaches one diagonal step further than the erosion), so a piece stays at least half a
 * cell inside before simplification, which moves the outline by at most a fifth of a cell.
 */

/** Options of {@link outlineRings}. */
export interface OutlineOptions {
  /** Grid cell size in meters (the outline's resolution). */
  readonly cellMeters: number;
  /** Gaps between pieces narrower than about twice this are filled; enclosed holes always are. */
  readonly closeMeters: number;
}

/** Most cells in one grid; coarser cells beyond (a city-wide coverage stays a few ms). */
const MAX_CELLS = 4_000_000;
/** Chamfer distance steps (3-4: within 8% of Euclidean, and a metric). */
const AXIS = 3;
const DIAGONAL = 4;
/** Distance cap (Uint16Array). */
const MAX_DISTANCE = 65535;

/**
 * Rings (closed, counter-clockwise, in the pieces' planar meters, as flat `[x0, y0, x1, y1, ...]`
 * with the first point repeated at the end) around the connected areas covered by `pieces`:
 * segments `[ax, ay, bx, by]` stored flat, a point as a zero-length segment. No holes: areas
 * enclosed by pieces are filled. Empty for no pieces.
 */
export function outlineRings(pieces: ArrayLike<number>, options: OutlineOptions): Float64Array[] {
  const count = Math.floor(pieces.length / 4);
  if (count === 0) return [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count * 4; i += 2) {
    const x = pieces[i]!;
    const y = pieces[i + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const close = Math.max(0, options.closeMeters);
  let cell = options.cellMeters;
  const cellsFor = (c: number) => {
    const pad = close + 4 * c;
    return ((maxX - minX + 2 * pad) / c + 1) * ((maxY - minY + 2 * pad) / c + 1);
  };
  while (cellsFor(cell) > MAX_CELLS || (AXIS * close) / cell > MAX_DISTANCE / 2) cell *= 2;
  // Chamfer radii: the erosion's, and the dilation's one diagonal step further.
  const erode = Math.round((AXIS * close) / cell);
  const dilate = erode + DIAGONAL;
  const pad = (dilate / AXIS + 2) * cell;
  const x0 = minX - pad;
  const y0 = minY - pad;
  const width = Math.ceil((maxX - minX + 2 * pad) / cell) + 1;
  const height = Math.ceil((maxY - minY + 2 * pad) / cell) + 1;
  const s = scratch(width * height);
  const grid: Grid = { width, height, cells: width * height };
  // Cell (i, j) is centred at (x0 + i * cell, y0 + j * cell).
  for (let i = 0; i < count * 4; i += 4) {
    markSegment(
      grid,
      s.marked,
      (pieces[i]! - x0) / cell + 0.5,
      (pieces[i + 1]! - y0) / cell + 0.5,
      (pieces[i + 2]! - x0) / cell + 0.5,
      (pieces[i + 3]! - y0) / cell + 0.5,
    );
  }
  // Dilate and fill holes: outside is what connects to the border beyond the dilation radius.
  chamferDistances(grid, s.marked, s.distance);
  markBorder(grid, s.flags);
  floodFrom(grid, s.flags, s.distance, dilate, s.stack);
  // Erode.
  chamferDistances(grid, s.flags, s.distance);
  for (let k = 0; k < grid.cells; k++) s.flags[k] = s.distance[k]! > erode ? 1 : 0;
  let rings = traceRings(grid, s.flags, s.next);
  if (rings.length > 1) {
    // Keep only the areas that hold pieces (one ring holds them all when it is alone).
    s.flags.fill(0, 0, grid.cells);
    floodFrom(grid, s.flags, s.distance, erode, s.stack, s.marked);
    rings = traceRings(grid, s.flags, s.next);
  }
  return rings.map((ring) => {
    for (let i = 0; i < ring.length; i += 2) {
      ring[i] = x0 + ring[i]! * cell;
      ring[i + 1] = y0 + ring[i + 1]! * cell;
    }
    return simplifyRing(ring, cell / 5);
  });
}

interface Grid {
  readonly width: number;
  readonly height: number;
  readonly cells: number;
}

/** Work buffers, kept between calls up to a size (allocating them fresh costs page faults). */
interface Scratch {
  /** Cells a piece passes through. */
  readonly marked: Uint8Array;
  /** Outside, then kept cells. */
  readonly flags: Uint8Array;
  readonly distance: Uint16Array;
  readonly stack: Int32Array;
  /** Marching squares: following crossing per crossing key (2 per cell), -1 for none. */
  readonly next: Int32Array;
}

const RETAINED_CELLS = 1 << 19;
let retained: Scratch | null = null;

function newScratch(cells: number): Scratch {
  return {
    marked: new Uint8Array(cells),
    flags: new Uint8Array(cells),
    distance: new Uint16Array(cells),
    stack: new Int32Array(cells),
    next: new Int32Array(2 * cells).fill(-1),
  };
}

/** Buffers for `cells` cells: `marked` and `flags` zeroed, `next` all -1. */
function scratch(cells: number): Scratch {
  if (cells > RETAINED_CELLS) return newScratch(cells);
  if (!retained || retained.marked.length < cells) {
    retained = newScratch(Math.min(RETAINED_CELLS, Math.max(cells, 2 * (retained?.marked.length ?? 0))));
  } else {
    retained.marked.fill(0, 0, cells);
    retained.flags.fill(0, 0, cells);
  }
  return retained;
}

/**
 * Marks every cell the segment passes through (supercover), in grid units where cell (i, j)
 * spans [i, i + 1) x [j, j + 1).
 */
function markSegment(grid: Grid, cells: Uint8Array, ax: number, ay: number, bx: number, by: number): void {
  const { width } = grid;
  if (ax > bx) {
    let t = ax;
    ax = bx;
    bx = t;
    t = ay;
    ay = by;
    by = t;
  }
  const slope = bx > ax ? (by - ay) / (bx - ax) : 0;
  const lastColumn = Math.floor(bx);
  for (let i = Math.floor(ax); i <= lastColumn; i++) {
    // The stretch of the segment inside column i.
    const ya = bx > ax ? ay + (Math.max(ax, i) - ax) * slope : ay;
    const yb = bx > ax ? ay + (Math.min(bx, i + 1) - ax) * slope : by;
    const j1 = Math.floor(ya > yb ? ya : yb);
    for (let j = Math.floor(ya < yb ? ya : yb); j <= j1; j++) cells[j * width + i] = 1;
  }
}

/**
 * Chamfer distance (3 per axis step, 4 per diagonal step) of each cell to the nearest set cell,
 * capped at {@link MAX_DISTANCE}, in two raster passes. The outermost ring of cells only gets its
 * start value (set cells there are 0, the rest the cap).
 */
function chamferDistances(grid: Grid, set: Uint8Array, d: Uint16Array): void {
  const { width: w, height: h, cells } = grid;
  for (let k = 0; k < cells; k++) d[k] = set[k] ? 0 : MAX_DISTANCE;
  for (let j = 1; j < h - 1; j++) {
    for (let k = j * w + 1, end = j * w + w - 1; k < end; k++) {
      let v = d[k]!;
      if (v === 0) continue;
      let c = d[k - 1]! + AXIS;
      if (c < v) v = c;
      c = d[k - w]! + AXIS;
      if (c < v) v = c;
      c = d[k - w - 1]! + DIAGONAL;
      if (c < v) v = c;
      c = d[k - w + 1]! + DIAGONAL;
      if (c < v) v = c;
      d[k] = v;
    }
  }
  for (let j = h - 2; j >= 1; j--) {
    for (let k = j * w + w - 2, end = j * w; k > end; k--) {
      let v = d[k]!;
      if (v === 0) continue;
      let c = d[k + 1]! + AXIS;
      if (c < v) v = c;
      c = d[k + w]! + AXIS;
      if (c < v) v = c;
      c = d[k + w + 1]! + DIAGONAL;
      if (c < v) v = c;
      c = d[k + w - 1]! + DIAGONAL;
      if (c < v) v = c;
      d[k] = v;
    }
  }
}

/** Sets the outermost ring of cells (beyond every piece's dilation radius: the padding). */
function markBorder(grid: Grid, flags: Uint8Array): void {
  const { width: w, height: h } = grid;
  for (let i = 0; i < w; i++) flags[i] = flags[(h - 1) * w + i] = 1;
  for (let j = 0; j < h; j++) flags[j * w] = flags[j * w + w - 1] = 1;
}

/**
 * Sets in `flags` every cell connected (4-neighbourhood) to a seed through cells whose `distance`
 * exceeds `above`. Seeds: the cells set in `seeds`, by default those already set in `flags`;
 * seeds that do not qualify are cleared.
 */
function floodFrom(
  grid: Grid,
  flags: Uint8Array,
  distance: Uint16Array,
  above: number,
  stack: Int32Array,
  seeds: Uint8Array = flags,
): void {
  const { width: w, height: h, cells } = grid;
  let top = 0;
  for (let k = 0; k < cells; k++) {
    if (!seeds[k]) continue;
    if (distance[k]! > above) {
      flags[k] = 1;
      stack[top++] = k;
    } else flags[k] = 0;
  }
  const lastRow = (h - 1) * w;
  while (top > 0) {
    const k = stack[--top]!;
    const i = k % w;
    if (i > 0 && !flags[k - 1] && distance[k - 1]! > above) {
      flags[k - 1] = 1;
      stack[top++] = k - 1;
    }
    if (i < w - 1 && !flags[k + 1] && distance[k + 1]! > above) {
      flags[k + 1] = 1;
      stack[top++] = k + 1;
    }
    if (k >= w && !flags[k - w] && distance[k - w]! > above) {
      flags[k - w] = 1;
      stack[top++] = k - w;
    }
    if (k < lastRow && !flags[k + w] && distance[k + w]! > above) {
      flags[k + w] = 1;
      stack[top++] = k + w;
    }
  }
}

/**
 * Marching squares: per case (corner bits bottom-left 1, bottom-right 2, top-right 4, top-left 8),
 * pairs of sides (0 bottom, 1 right, 2 top, 3 left) where the boundary leaves and enters the
 * square again. Leaving on side s (from a set corner s to an unset corner s + 1), it turns
 * clockwise to the nearest side where it enters, so corners touching diagonally stay apart and
 * the area is on the boundary's left.
 */
const SQUARE_CASES: readonly (readonly number[])[] = Array.from({ length: 16 }, (_, c) => {
  const corner = (s: number) => (c >> (s % 4)) & 1;
  const pairs: number[] = [];
  for (let s = 0; s < 4; s++) {
    if (!(corner(s) === 1 && corner(s + 1) === 0)) continue;
    for (let back = 1; back < 4; back++) {
      const t = (s - back + 4) % 4;
      if (corner(t) === 0 && corner(t + 1) === 1) {
        pairs.push(s, t);
        break;
      }
    }
  }
  return pairs;
});

/**
 * Rings around the set cells, through the middle of each grid edge between a set and an unset
 * cell centre, counter-clockwise, as flat coordinates in cell units (open: first point not
 * repeated). Clockwise rings (holes) are dropped. `next` must be all -1 and is left so.
 */
function traceRings(grid: Grid, set: Uint8Array, next: Int32Array): Float64Array[] {
  const { width, height } = grid;
  // Crossings are keyed by grid edge: 2 * cell for the edge to the right neighbour, 2 * cell + 1
  // for the edge to the neighbour above.
  const sides = [0, 0, 0, 0];
  const exits: number[] = [];
  for (let j = 0; j < height - 1; j++) {
    for (let k = j * width, end = k + width - 1; k < end; k++) {
      const c = set[k]! | (set[k + 1]! << 1) | (set[k + width + 1]! << 2) | (set[k + width]! << 3);
      if (c === 0 || c === 15) continue;
      sides[0] = 2 * k;
      sides[1] = 2 * (k + 1) + 1;
      sides[2] = 2 * (k + width);
      sides[3] = 2 * k + 1;
      const pairs = SQUARE_CASES[c]!;
      for (let p = 0; p < pairs.length; p += 2) {
        const from = sides[pairs[p]!]!;
        next[from] = sides[pairs[p + 1]!]!;
        exits.push(from);
      }
    }
  }
  const rings: Float64Array[] = [];
  const points: number[] = [];
  for (let s = 0; s < exits.length; s++) {
    let key = exits[s]!;
    if (next[key]! < 0) continue;
    points.length = 0;
    // Every crossing is left exactly once, so each ring closes and ends up cleared.
    while (next[key]! >= 0) {
      const following = next[key]!;
      next[key] = -1;
      const k = key >> 1;
      const i = k % width;
      const j = (k - i) / width;
      if (key & 1) points.push(i, j + 0.5);
      else points.push(i + 0.5, j);
      key = following;
    }
    const ring = Float64Array.from(points);
    if (ring.length >= 6 && signedArea(ring) > 0) rings.push(ring);
  }
  return rings;
}

/** Twice the signed area (positive for counter-clockwise) of a flat ring, open or closed. */
export function signedArea(ring: ArrayLike<number>): number {
  let a = 0;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    a += (ring[j]! - ring[i]!) * (ring[j + 1]! + ring[i + 1]!);
  }
  return a;
}

/**
 * Douglas-Peucker on an open flat ring, returned closed (first point repeated). Split at its
 * first point and the point farthest from it, so at least a triangle remains.
 */
function simplifyRing(ring: Float64Array, tolerance: number): Float64Array {
  const n = ring.length / 2;
  let far = 0;
  let farD = -1;
  for (let i = 1; i < n; i++) {
    const d = (ring[2 * i]! - ring[0]!) ** 2 + (ring[2 * i + 1]! - ring[1]!) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  // Point i of the closed ring (point n is point 0 again).
  const px = (i: number) => ring[2 * (i % n)]!;
  const py = (i: number) => ring[2 * (i % n) + 1]!;
  const keep = new Uint8Array(n + 1);
  keep[0] = keep[far] = keep[n] = 1;
  const stack = [0, far, far, n];
  const t2 = tolerance * tolerance;
  while (stack.length > 0) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    const ax = px(a);
    const ay = py(a);
    const dx = px(b) - ax;
    const dy = py(b) - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD = t2;
    for (let i = a + 1; i < b; i++) {
      const qx = px(i) - ax;
      const qy = py(i) - ay;
      const u = len2 > 0 ? Math.max(0, Math.min(1, (qx * dx + qy * dy) / len2)) : 0;
      const d = (u * dx - qx) ** 2 + (u * dy - qy) ** 2;
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack.push(a, worst, worst, b);
  }
  let kept = 0;
  for (let i = 0; i <= n; i++) kept += keep[i]!;
  const out = new Float64Array(2 * kept);
  for (let i = 0, o = 0; i <= n; i++) {
    if (!keep[i]) continue;
    out[o++] = px(i);
    out[o++] = py(i);
  }
  return out;
}
