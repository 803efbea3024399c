/** Compact stores of OSM node ids and positions for the two-pass road import. */
/** An append-only list of node ids in a growing Float64Array (OSM ids exceed 32 bits). */
export class GrowableIds {
  private data = new Float64Array(1 << 16);
  private length = 0;

  push(id: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = id;
  }

  /** The ids sorted, without duplicates (the list is released). */
  sortedUnique(): Float64Array {
    const sorted = this.data.subarray(0, this.length).sort();
    let n = 0;
    for (let i = 0; i < sorted.length; i++)
      if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
    this.data = new Float64Array(0);
    return sorted.slice(0, n);
  }
}

/** Positions of the needed nodes, by binary search over their sorted ids. */
export class NodePositions {
  private readonly lonLat: Float64Array;

  constructor(private readonly ids: Float64Array) {
    this.lonLat = new Float64Array(2 * ids.length).fill(Number.NaN);
  }

  indexOf(id: number): number {
    const ids = this.ids;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  set(at: number, lon: number, lat: number): void {
    this.lonLat[2 * at] = lon;
    this.lonLat[2 * at + 1] = lat;
  }

  get(id: number): [number, number] | null {
    const at = this.indexOf(id);
    if (at < 0 || Number.isNaN(this.lonLat[2 * at]!)) return null;
    return [this.lonLat[2 * at]!, this.lonLat[2 * at + 1]!];
  }
}
