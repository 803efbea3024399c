/**
 * Service roads: short dead-end driveways (into a compound, a car park) branching off local
 * streets into the blocks. Each is accepted only where it touches no other road, stays on its
 * side of the river and the rings, and ends well clear of other roads.
 */
import { insideFrame, ringOffset, type CityFrame } from './frame.js';
import { distance, distanceToSegment, lerp, segmentIntersection, type XY } from './geometry.js';
import type { Rng } from './prng.js';
import { riverOffset } from './river.js';
import type { RoadGraph } from './road-graph.js';
import { roadTags } from './road-lines.js';

const CELL = 100;
const CLEARANCE_METERS = 25;

interface Entry {
  a: XY;
  b: XY;
  edge: number;
}

/** Adds service spurs off some local street edges; returns how many. */
export function addServiceSpurs(graph: RoadGraph, rng: Rng, frame: CityFrame, probability: number): number {
  const cells = new Map<string, Entry[]>();
  const cellRange = (a: XY, b: XY, pad: number, visit: (key: string) => void): void => {
    for (
      let x = Math.floor((Math.min(a[0], b[0]) - pad) / CELL);
      x <= Math.floor((Math.max(a[0], b[0]) + pad) / CELL);
      x++
    )
      for (
        let y = Math.floor((Math.min(a[1], b[1]) - pad) / CELL);
        y <= Math.floor((Math.max(a[1], b[1]) + pad) / CELL);
        y++
      )
        visit(`${x},${y}`);
  };
  const insert = (entry: Entry): void =>
    cellRange(entry.a, entry.b, 0, (key) => {
      const list = cells.get(key);
      if (list) list.push(entry);
      else cells.set(key, [entry]);
    });
  graph.edges.forEach((e, id) => {
    if (!e.alive) return;
    const coords = graph.coords(e);
    for (let i = 1; i < coords.length; i++) insert({ a: coords[i - 1] as XY, b: coords[i] as XY, edge: id });
  });

  const sideOk = (m: XY, e: XY): boolean => {
    const r0 = riverOffset(frame.river, m);
    const i0 = ringOffset(frame.inner, m);
    for (let s = 0.1; s <= 1.0001; s += 0.1) {
      const q = lerp(m, e, s);
      const r = riverOffset(frame.river, q);
      const i = ringOffset(frame.inner, q);
      if (Math.sign(r) !== Math.sign(r0) || Math.abs(r) < frame.river.bankOffsetMeters + 15) return false;
      if (Math.sign(i) !== Math.sign(i0) || Math.abs(i) < 15) return false;
      if (Math.abs(ringOffset(frame.outer, q)) < 40) return false;
    }
    return insideFrame(frame, e);
  };
  const clear = (m: XY, e: XY, host: number): boolean => {
    let ok = true;
    const start = lerp(m, e, 1 / distance(m, e));
    cellRange(m, e, CLEARANCE_METERS, (key) => {
      for (const s of cells.get(key) ?? []) {
        if (!ok || s.edge === host) continue;
        if (segmentIntersection(start, e, s.a, s.b) || distanceToSegment(e, s.a, s.b) < CLEARANCE_METERS)
          ok = false;
      }
    });
    return ok;
  };

  let added = 0;
  const candidates = graph.edges.flatMap((e, id) =>
    e.alive && graph.lines[e.line]?.kind === 'local' ? [id] : [],
  );
  for (const id of candidates) {
    if (!rng.chance(probability)) continue;
    const edge = graph.edges[id];
    if (!edge?.alive) continue;
    const coords = graph.coords(edge);
    let k = 0;
    for (let i = 1; i + 1 < coords.length; i++)
      if (distance(coords[i] as XY, coords[i + 1] as XY) > distance(coords[k] as XY, coords[k + 1] as XY))
        k = i;
    const a = coords[k] as XY;
    const b = coords[k + 1] as XY;
    const len = distance(a, b);
    if (len < 120) continue;
    const side = rng.chance(0.5) ? 1 : -1;
    const normal: XY = [(-(b[1] - a[1]) / len) * side, ((b[0] - a[0]) / len) * side];
    const m = lerp(a, b, rng.range(0.35, 0.65));
    const spurLength = rng.range(50, 110);
    const end: XY = [m[0] + normal[0] * spurLength, m[1] + normal[1] * spurLength];
    if (!sideOk(m, end) || !clear(m, end, id)) continue;

    // Split the host edge at the branch point, keeping the line's edge order.
    const mid = graph.addNode(m);
    edge.alive = false;
    const first = graph.addEdge(edge.a, mid, coords.slice(1, k + 1), edge.line);
    const second = graph.addEdge(mid, edge.b, coords.slice(k + 1, coords.length - 1), edge.line);
    const order = graph.lineEdges[edge.line] as number[];
    order.splice(order.indexOf(id), 1, first, second);
    for (const [from, to] of [
      [first, [coords[0] as XY, ...coords.slice(1, k + 1), m]],
      [second, [m, ...coords.slice(k + 1)]],
    ] as const)
      for (let i = 1; i < to.length; i++) insert({ a: to[i - 1] as XY, b: to[i] as XY, edge: from });

    const line = graph.lines.length;
    graph.lines.push({
      kind: 'service',
      coords: [m, end],
      closed: false,
      pruneStart: false,
      pruneEnd: false,
      tags: () => roadTags('service'),
    });
    const spur = graph.addEdge(mid, graph.addNode(end), [], line);
    graph.lineEdges.push([spur]);
    insert({ a: m, b: end, edge: spur });
    added++;
  }
  return added;
}
