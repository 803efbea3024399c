/**
 * Tiling of the city rectangle into patrol-zone cells: a quadrilateral lattice, denser towards the
 * centre (old town cells are smaller), with jittered vertices and bent edges. Every edge polyline
 * is built once and shared by its two cells, so cells meet exactly, without gaps or overlaps. To
 * hit an exact cell count, a few outer cells are merged with a neighbour.
 */
import type { CityFrame } from './frame.js';
import { distance, type XY } from './geometry.js';
import type { Rng } from './prng.js';

export interface TileCell {
  /** Closed, counter-clockwise ring in local meters. */
  ring: XY[];
  /** Lattice position of the cell's south-west corner (row 0 is the southern edge). */
  col: number;
  row: number;
}

/** Lattice shape for `count` cells: few merges, cells close to square. */
function chooseLattice(count: number, halfWidth: number, halfHeight: number): { cols: number; rows: number } {
  let best = { cols: count, rows: 1, score: Infinity };
  for (let rows = 3; rows <= 10; rows++) {
    const cols = Math.ceil(count / rows);
    const waste = cols * rows - count;
    if (waste > cols + rows) continue;
    const score = waste + 10 * Math.abs(Math.log(halfWidth / cols / (halfHeight / rows)));
    if (score < best.score) best = { cols, rows, score };
  }
  return best;
}

/** Stretches [-1, 1] so that cells near 0 are ~2.5x narrower than at the edges. */
function warp(u: number): number {
  const a = 0.55;
  return Math.sign(u) * (a * Math.abs(u) + (1 - a) * u * u);
}

/** Tiles the frame's rectangle into exactly `count` cells. */
export function tileCity(rng: Rng, frame: CityFrame, count: number): TileCell[] {
  const { halfWidth: hw, halfHeight: hh } = frame;
  const { cols, rows } = chooseLattice(count, hw, hh);
  const xs = Array.from({ length: cols + 1 }, (_, i) => hw * warp(-1 + (2 * i) / cols));
  const ys = Array.from({ length: rows + 1 }, (_, j) => hh * warp(-1 + (2 * j) / rows));
  const vertex: XY[][] = xs.map((x, i) =>
    ys.map((y, j): XY => {
      const wx = Math.min(x - (xs[i - 1] ?? -Infinity), (xs[i + 1] ?? Infinity) - x);
      const wy = Math.min(y - (ys[j - 1] ?? -Infinity), (ys[j + 1] ?? Infinity) - y);
      // Boundary vertices only slide along the boundary, corners stay put.
      const jx = i === 0 || i === cols ? 0 : rng.range(-0.15, 0.15) * wx;
      const jy = j === 0 || j === rows ? 0 : rng.range(-0.15, 0.15) * wy;
      return [x + jx, y + jy];
    }),
  );
  const v = (i: number, j: number): XY => (vertex[i] as XY[])[j] as XY;

  // Shared edge polylines, stored in canonical direction (towards larger i or j).
  const edges = new Map<string, XY[]>();
  const edgeKey = (i: number, j: number, horizontal: boolean): string => `${horizontal ? 'h' : 'v'}${i},${j}`;
  for (let i = 0; i <= cols; i++)
    for (let j = 0; j <= rows; j++)
      for (const horizontal of [true, false]) {
        if ((horizontal && i === cols) || (!horizontal && j === rows)) continue;
        const a = v(i, j);
        const b = horizontal ? v(i + 1, j) : v(i, j + 1);
        const onBoundary = horizontal ? j === 0 || j === rows : i === 0 || i === cols;
        const bend = onBoundary ? 0 : rng.range(-0.07, 0.07) * distance(a, b);
        const len = distance(a, b);
        const mid: XY = [
          (a[0] + b[0]) / 2 - ((b[1] - a[1]) / len) * bend,
          (a[1] + b[1]) / 2 + ((b[0] - a[0]) / len) * bend,
        ];
        edges.set(edgeKey(i, j, horizontal), onBoundary ? [a, b] : [a, mid, b]);
      }
  /** Path from vertex (i,j) one step along the lattice, without its last point. */
  const step = (i: number, j: number, di: number, dj: number): XY[] => {
    const forward = di + dj > 0;
    const path = edges.get(edgeKey(forward ? i : i + di, forward ? j : j + dj, di !== 0)) as XY[];
    return (forward ? path : [...path].reverse()).slice(0, -1);
  };

  // Merge outer cells pairwise (farthest from the centre first) until the count is right.
  const owner: number[][] = Array.from({ length: cols }, () => new Array<number>(rows).fill(-1));
  const spans: { i0: number; i1: number; j0: number; j1: number }[] = [];
  let merges = cols * rows - count;
  const pairs: { i: number; j: number; horizontal: boolean; score: number }[] = [];
  for (let i = 0; i < cols; i++)
    for (let j = 0; j < rows; j++)
      for (const horizontal of [true, false]) {
        if ((horizontal && i + 1 >= cols) || (!horizontal && j + 1 >= rows)) continue;
        const cx = ((i + (horizontal ? 1 : 0.5)) / cols) * 2 - 1;
        const cy = ((j + (horizontal ? 0.5 : 1)) / rows) * 2 - 1;
        pairs.push({ i, j, horizontal, score: Math.hypot(cx, cy) + rng.range(0, 0.2) });
      }
  pairs.sort((a, b) => b.score - a.score);
  for (const p of pairs) {
    if (merges === 0) break;
    const [i2, j2] = p.horizontal ? [p.i + 1, p.j] : [p.i, p.j + 1];
    if ((owner[p.i] as number[])[p.j] !== -1 || (owner[i2] as number[])[j2] !== -1) continue;
    (owner[p.i] as number[])[p.j] = (owner[i2] as number[])[j2] = spans.length;
    spans.push({ i0: p.i, i1: i2, j0: p.j, j1: j2 });
    merges--;
  }
  for (let i = 0; i < cols; i++)
    for (let j = 0; j < rows; j++)
      if ((owner[i] as number[])[j] === -1) spans.push({ i0: i, i1: i, j0: j, j1: j });

  return spans.map(({ i0, i1, j0, j1 }) => {
    const ring: XY[] = [];
    for (let i = i0; i <= i1; i++) ring.push(...step(i, j0, 1, 0));
    for (let j = j0; j <= j1; j++) ring.push(...step(i1 + 1, j, 0, 1));
    for (let i = i1 + 1; i > i0; i--) ring.push(...step(i, j1 + 1, -1, 0));
    for (let j = j1 + 1; j > j0; j--) ring.push(...step(i0, j, 0, -1));
    ring.push(ring[0] as XY);
    return { ring, col: i0, row: j0 };
  });
}
