/**
 * Independent checks used by the tests (kept out of the generator so a bug there cannot hide
 * itself). Brute-force-ish but bucketed so a whole city checks in well under a second.
 */
import type { Position } from './geojson.js';

export interface Segment {
  a: Position;
  b: Position;
  feature: number;
  index: number;
}

const same = (p: Position, q: Position): boolean => p[0] === q[0] && p[1] === q[1];

/** Every segment of a set of line features. */
export function segmentsOf(lines: readonly Position[][]): Segment[] {
  const out: Segment[] = [];
  lines.forEach((coords, feature) => {
    for (let i = 1; i < coords.length; i++)
      out.push({ a: coords[i - 1] as Position, b: coords[i] as Position, feature, index: i - 1 });
  });
  return out;
}

function orient(p: Position, q: Position, r: Position): number {
  return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
}

/** True when closed segments p1p2 and p3p4 share at least one point (exact predicates). */
export function segmentsTouch(p1: Position, p2: Position, p3: Position, p4: Position): boolean {
  const d1 = orient(p3, p4, p1);
  const d2 = orient(p3, p4, p2);
  const d3 = orient(p1, p2, p3);
  const d4 = orient(p1, p2, p4);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const on = (p: Position, q: Position, r: Position): boolean =>
    Math.min(p[0], q[0]) <= r[0] &&
    r[0] <= Math.max(p[0], q[0]) &&
    Math.min(p[1], q[1]) <= r[1] &&
    r[1] <= Math.max(p[1], q[1]);
  return (
    (d1 === 0 && on(p3, p4, p1)) ||
    (d2 === 0 && on(p3, p4, p2)) ||
    (d3 === 0 && on(p1, p2, p3)) ||
    (d4 === 0 && on(p1, p2, p4))
  );
}

/** Calls `visit` for each pair of segments whose bounding boxes overlap (each pair once). */
export function forEachCandidatePair(
  segments: readonly Segment[],
  cell: number,
  visit: (s: Segment, t: Segment) => void,
): void {
  const cells = new Map<string, number[]>();
  segments.forEach((s, id) => {
    for (
      let x = Math.floor(Math.min(s.a[0], s.b[0]) / cell);
      x <= Math.floor(Math.max(s.a[0], s.b[0]) / cell);
      x++
    )
      for (
        let y = Math.floor(Math.min(s.a[1], s.b[1]) / cell);
        y <= Math.floor(Math.max(s.a[1], s.b[1]) / cell);
        y++
      ) {
        const key = `${x},${y}`;
        const list = cells.get(key);
        if (list) list.push(id);
        else cells.set(key, [id]);
      }
  });
  const seen = new Set<number>();
  for (const ids of cells.values())
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const a = ids[i] as number;
        const b = ids[j] as number;
        const key = Math.min(a, b) * segments.length + Math.max(a, b);
        if (seen.has(key)) continue;
        seen.add(key);
        visit(segments[a] as Segment, segments[b] as Segment);
      }
}

/**
 * Pairs of segments (from different features, or non-neighbouring in one feature) that touch
 * anywhere other than at a vertex both of them have. Empty means every intersection is a
 * shared vertex. `cell` is the bucket size in coordinate units (default suits lng/lat).
 */
export function unsharedIntersections(lines: readonly Position[][], cell = 0.002): [Segment, Segment][] {
  const bad: [Segment, Segment][] = [];
  forEachCandidatePair(segmentsOf(lines), cell, (s, t) => {
    if (!segmentsTouch(s.a, s.b, t.a, t.b)) return;
    const shared = [s.a, s.b].filter((p) => same(p, t.a) || same(p, t.b));
    if (shared.length === 0) {
      bad.push([s, t]);
      return;
    }
    // Touching only at the shared vertex is fine; overlapping along a stretch is not.
    const other = (seg: Segment, p: Position): Position => (same(seg.a, p) ? seg.b : seg.a);
    const p = shared[0] as Position;
    if (shared.length === 1 && orient(p, other(s, p), other(t, p)) === 0) {
      const u = other(s, p);
      const v = other(t, p);
      if ((u[0] - p[0]) * (v[0] - p[0]) + (u[1] - p[1]) * (v[1] - p[1]) > 0) bad.push([s, t]);
    }
  });
  return bad;
}

/** Node keys reachable from `start` in a directed adjacency map. */
export function reachable(adjacency: ReadonlyMap<string, readonly string[]>, start: string): Set<string> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const next of adjacency.get(stack.pop() as string) ?? [])
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
  }
  return seen;
}
