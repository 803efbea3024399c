/**
 * Deliberately naive shortest paths for tests: adjacency lists and an O(V^2) Dijkstra, written
 * without any of the package's search code.
 */
export class BruteGraph {
  readonly arcs: { to: number; cost: number }[][] = [];

  addNode(): number {
    this.arcs.push([]);
    return this.arcs.length - 1;
  }

  addArc(from: number, to: number, cost: number): void {
    this.arcs[from]!.push({ to, cost });
  }

  /** Cost from `source` to every node. */
  distancesFrom(source: number): number[] {
    const n = this.arcs.length;
    const dist = new Array<number>(n).fill(Infinity);
    const done = new Array<boolean>(n).fill(false);
    dist[source] = 0;
    for (;;) {
      let v = -1;
      for (let i = 0; i < n; i++)
        if (!done[i] && dist[i]! < Infinity && (v < 0 || dist[i]! < dist[v]!)) v = i;
      if (v < 0) return dist;
      done[v] = true;
      for (const { to, cost } of this.arcs[v]!) if (dist[v]! + cost < dist[to]!) dist[to] = dist[v]! + cost;
    }
  }
}
