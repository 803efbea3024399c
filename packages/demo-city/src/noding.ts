/**
 * Noding: finds every place where road lines cross or touch and turns it into a shared node, then
 * cuts each line into edges between consecutive nodes. Both lines of a crossing get the very same
 * node object, which is what makes the exported coordinates identical at junctions.
 */
import { distance, lerp, segmentIntersection, type XY } from './geometry.js';

export interface NodingInput {
  coords: readonly XY[];
  /** First and last coordinate are the same point (a ring). */
  closed: boolean;
}

export interface NodedEdge {
  a: number;
  b: number;
  /** Coordinates strictly between the two nodes. */
  shape: XY[];
  line: number;
}

export interface NodedNetwork {
  nodes: XY[];
  edges: NodedEdge[];
  /** Edge ids of each input line, in line order. */
  lineEdges: number[][];
}

interface Cut {
  s: number; // segment index + parameter along it
  node: number;
}

const CELL_METERS = 250;

/** Merges intersection points closer than `toleranceMeters` into one node. */
export function nodeLines(lines: readonly NodingInput[], toleranceMeters = 1.5): NodedNetwork {
  const segLine: number[] = [];
  const segIndex: number[] = [];
  const cells = new Map<string, number[]>();
  lines.forEach((line, li) => {
    for (let k = 0; k + 1 < line.coords.length; k++) {
      const id = segLine.length;
      segLine.push(li);
      segIndex.push(k);
      const a = line.coords[k] as XY;
      const b = line.coords[k + 1] as XY;
      const [x0, x1] = [
        Math.floor(Math.min(a[0], b[0]) / CELL_METERS),
        Math.floor(Math.max(a[0], b[0]) / CELL_METERS),
      ];
      const [y0, y1] = [
        Math.floor(Math.min(a[1], b[1]) / CELL_METERS),
        Math.floor(Math.max(a[1], b[1]) / CELL_METERS),
      ];
      for (let cx = x0; cx <= x1; cx++)
        for (let cy = y0; cy <= y1; cy++) {
          const key = `${cx},${cy}`;
          const list = cells.get(key);
          if (list) list.push(id);
          else cells.set(key, [id]);
        }
    }
  });

  const seg = (id: number): [XY, XY] => {
    const coords = (lines[segLine[id] as number] as NodingInput).coords;
    const k = segIndex[id] as number;
    return [coords[k] as XY, coords[k + 1] as XY];
  };
  const adjacent = (i: number, j: number): boolean => {
    if (segLine[i] !== segLine[j]) return false;
    const ki = segIndex[i] as number;
    const kj = segIndex[j] as number;
    if (Math.abs(ki - kj) <= 1) return true;
    const line = lines[segLine[i] as number] as NodingInput;
    return line.closed && Math.abs(ki - kj) === line.coords.length - 2;
  };

  // Intersections, each pair tested once: in the cell holding the corner of their bbox overlap.
  const hits: { seg: number; t: number; other: number; u: number; p: XY }[] = [];
  for (const [key, ids] of cells) {
    const [cx, cy] = key.split(',').map(Number) as [number, number];
    for (let m = 0; m < ids.length; m++) {
      const i = ids[m] as number;
      const [p1, p2] = seg(i);
      for (let n = m + 1; n < ids.length; n++) {
        const j = ids[n] as number;
        if (adjacent(i, j)) continue;
        const [p3, p4] = seg(j);
        const ox = Math.max(Math.min(p1[0], p2[0]), Math.min(p3[0], p4[0]));
        const oy = Math.max(Math.min(p1[1], p2[1]), Math.min(p3[1], p4[1]));
        if (Math.floor(ox / CELL_METERS) !== cx || Math.floor(oy / CELL_METERS) !== cy) continue;
        const hit = segmentIntersection(p1, p2, p3, p4);
        if (hit) hits.push({ seg: i, t: hit.t, other: j, u: hit.u, p: lerp(p1, p2, hit.t) });
      }
    }
  }
  // Deterministic node numbering regardless of Map iteration details.
  hits.sort((a, b) => a.seg - b.seg || a.t - b.t || a.other - b.other);

  const nodes: XY[] = [];
  const nodeCells = new Map<string, number[]>();
  const nodeAt = (p: XY): number => {
    const cx = Math.floor(p[0] / toleranceMeters);
    const cy = Math.floor(p[1] / toleranceMeters);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const id of nodeCells.get(`${cx + dx},${cy + dy}`) ?? [])
          if (distance(nodes[id] as XY, p) <= toleranceMeters) return id;
    const id = nodes.length;
    nodes.push(p);
    const key = `${cx},${cy}`;
    const list = nodeCells.get(key);
    if (list) list.push(id);
    else nodeCells.set(key, [id]);
    return id;
  };

  const cuts: Cut[][] = lines.map(() => []);
  for (const h of hits) {
    const node = nodeAt(h.p);
    (cuts[segLine[h.seg] as number] as Cut[]).push({ s: (segIndex[h.seg] as number) + h.t, node });
    (cuts[segLine[h.other] as number] as Cut[]).push({ s: (segIndex[h.other] as number) + h.u, node });
  }
  lines.forEach((line, li) => {
    const list = cuts[li] as Cut[];
    const last = line.coords.length - 1;
    const startNode = nodeAt(line.coords[0] as XY);
    list.push({ s: 0, node: startNode });
    list.push({ s: last, node: line.closed ? startNode : nodeAt(line.coords[last] as XY) });
    list.sort((a, b) => a.s - b.s);
  });

  const edges: NodedEdge[] = [];
  const lineEdges = lines.map((line, li) => {
    const ids: number[] = [];
    const list = cuts[li] as Cut[];
    for (let c = 1; c < list.length; c++) {
      const from = list[c - 1] as Cut;
      const to = list[c] as Cut;
      if (from.node === to.node) continue;
      const a = nodes[from.node] as XY;
      const b = nodes[to.node] as XY;
      const shape: XY[] = [];
      for (let v = Math.floor(from.s) + 1; v < to.s; v++) {
        const p = line.coords[v] as XY;
        if (v > from.s && distance(p, a) > toleranceMeters && distance(p, b) > toleranceMeters) shape.push(p);
      }
      ids.push(edges.length);
      edges.push({ a: from.node, b: to.node, shape, line: li });
    }
    return ids;
  });
  return { nodes, edges, lineEdges };
}
