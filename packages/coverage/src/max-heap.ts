/**
 * A binary max-heap of (key, id) pairs on typed arrays, for the lazy greedy. Ties pop the lower
 * id first, so the order is the same on every run.
 */
export class MaxHeap {
  private keys: Float64Array;
  private ids: Int32Array;
  private n = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.ids = new Int32Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.n;
  }

  push(id: number, key: number): void {
    if (this.n === this.keys.length) {
      const keys = new Float64Array(2 * this.n);
      const ids = new Int32Array(2 * this.n);
      keys.set(this.keys);
      ids.set(this.ids);
      this.keys = keys;
      this.ids = ids;
    }
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(id, key, this.ids[parent]!, this.keys[parent]!)) break;
      this.ids[i] = this.ids[parent]!;
      this.keys[i] = this.keys[parent]!;
      i = parent;
    }
    this.ids[i] = id;
    this.keys[i] = key;
  }

  /** Id of the top pair; -1 when empty. */
  peekId(): number {
    return this.n > 0 ? this.ids[0]! : -1;
  }

  peekKey(): number {
    return this.n > 0 ? this.keys[0]! : -Infinity;
  }

  pop(): void {
    if (this.n === 0) return;
    const id = this.ids[--this.n]!;
    const key = this.keys[this.n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.n) break;
      const r = l + 1;
      const c = r < this.n && this.above(this.ids[r]!, this.keys[r]!, this.ids[l]!, this.keys[l]!) ? r : l;
      if (!this.above(this.ids[c]!, this.keys[c]!, id, key)) break;
      this.ids[i] = this.ids[c]!;
      this.keys[i] = this.keys[c]!;
      i = c;
    }
    this.ids[i] = id;
    this.keys[i] = key;
  }

  private above(idA: number, keyA: number, idB: number, keyB: number): boolean {
    return keyA > keyB || (keyA === keyB && idA < idB);
  }
}
