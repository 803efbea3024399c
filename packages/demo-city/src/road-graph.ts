/**
 * The noded road network as a mutable graph: nodes (junctions, dead ends) and edges (road pieces
 * between them, tagged from their line). Clean-up steps live here: pruning overshoot stubs,
 * thinning local streets into an irregular pattern and keeping one connected network.
 */
import { pointAlong, polylineLength, type XY } from './geometry.js';
import { nodeLines } from './noding.js';
import type { Rng } from './prng.js';
import type { RoadLine } from './road-lines.js';
import type { RoadProperties } from './types.js';

export interface GraphEdge {
  a: number;
  b: number;
  shape: XY[];
  line: number;
  tags: RoadProperties;
  alive: boolean;
}

export class RoadGraph {
  readonly nodes: XY[];
  readonly edges: GraphEdge[];
  readonly lines: RoadLine[];
  /** Edge ids of each line in line order (dead ones included). */
  readonly lineEdges: number[][];
  private readonly incident: number[][];

  constructor(lines: RoadLine[]) {
    const noded = nodeLines(lines);
    this.lines = lines;
    this.nodes = noded.nodes;
    this.lineEdges = noded.lineEdges;
    this.incident = this.nodes.map(() => []);
    this.edges = [];
    for (const e of noded.edges) this.addEdge(e.a, e.b, e.shape, e.line);
  }

  addNode(p: XY): number {
    this.nodes.push(p);
    this.incident.push([]);
    return this.nodes.length - 1;
  }

  /** Adds an edge tagged by its line at its midpoint (not inserted into `lineEdges`). */
  addEdge(a: number, b: number, shape: XY[], line: number): number {
    const id = this.edges.length;
    const edge: GraphEdge = { a, b, shape, line, tags: { highway: 'service' }, alive: true };
    const coords = this.coords(edge);
    const mid = pointAlong(coords, polylineLength(coords) / 2);
    edge.tags = (this.lines[line] as RoadLine).tags(mid);
    this.edges.push(edge);
    (this.incident[a] as number[]).push(id);
    (this.incident[b] as number[]).push(id);
    return id;
  }

  coords(edge: GraphEdge): XY[] {
    return [this.nodes[edge.a] as XY, ...edge.shape, this.nodes[edge.b] as XY];
  }

  length(edge: GraphEdge): number {
    return polylineLength(this.coords(edge));
  }

  /** Alive edges at a node. */
  edgesAt(node: number): number[] {
    return (this.incident[node] ?? []).filter((e) => (this.edges[e] as GraphEdge).alive);
  }

  degree(node: number): number {
    let d = 0;
    for (const e of this.incident[node] ?? []) if ((this.edges[e] as GraphEdge).alive) d++;
    return d;
  }

  other(edge: GraphEdge, node: number): number {
    return edge.a === node ? edge.b : edge.a;
  }

  /** Removes dead-end edges starting at `node` back to the first junction. */
  pruneFrom(node: number): void {
    let n = node;
    while (this.degree(n) === 1) {
      const e = this.edges[this.edgesAt(n)[0] as number] as GraphEdge;
      e.alive = false;
      n = this.other(e, n);
    }
  }

  /** Prunes every cut end that overshot on purpose (see clip.ts). */
  pruneOvershoots(): void {
    this.lines.forEach((line, li) => {
      const ids = this.lineEdges[li] ?? [];
      const first = this.edges[ids[0] ?? -1];
      const last = this.edges[ids[ids.length - 1] ?? -1];
      if (line.pruneStart && first) this.pruneFrom(first.a);
      if (line.pruneEnd && last) this.pruneFrom(last.b);
    });
  }

  /** Removes dead-end edges shorter than `maxMeters` (noise from near-misses). */
  pruneShortStubs(maxMeters: number): void {
    for (let pass = 0; pass < 3; pass++) {
      for (let n = 0; n < this.nodes.length; n++) {
        if (this.degree(n) !== 1) continue;
        const e = this.edges[this.edgesAt(n)[0] as number] as GraphEdge;
        if (this.length(e) < maxMeters) e.alive = false;
      }
    }
  }

  /** Drops some local street / lane edges between junctions, for irregular blocks. */
  thin(rng: Rng, probability: Partial<Record<RoadLine['kind'], number>>): void {
    for (const e of this.edges) {
      const p = probability[(this.lines[e.line] as RoadLine).kind] ?? 0;
      if (!e.alive || p === 0 || !rng.chance(p)) continue;
      if (this.degree(e.a) >= 3 && this.degree(e.b) >= 3) e.alive = false;
    }
  }

  /** Keeps only the largest connected part (ignoring direction). */
  keepLargestComponent(): void {
    const comp = new Array<number>(this.nodes.length).fill(-1);
    const sizes: number[] = [];
    for (let start = 0; start < this.nodes.length; start++) {
      if (comp[start] !== -1 || this.degree(start) === 0) continue;
      const id = sizes.length;
      let size = 0;
      const stack = [start];
      comp[start] = id;
      while (stack.length > 0) {
        const n = stack.pop() as number;
        size++;
        for (const e of this.edgesAt(n)) {
          const m = this.other(this.edges[e] as GraphEdge, n);
          if (comp[m] === -1) {
            comp[m] = id;
            stack.push(m);
          }
        }
      }
      sizes.push(size);
    }
    const best = sizes.indexOf(Math.max(...sizes));
    for (const e of this.edges) if (e.alive && comp[e.a] !== best) e.alive = false;
  }
}
