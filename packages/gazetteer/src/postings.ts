/**
 * Inverted lists of integers built in one pass: (gram, key) pairs appended in key order, then a
 * counting sort by gram, so each list comes out sorted by key (what intersection needs) and the
 * whole index is two typed arrays instead of a million small JavaScript arrays.
 */

/** A growable Int32Array. */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Lists of keys per gram: `postings[offsets[g] .. offsets[g + 1] - 1]`, ascending. */
export interface Postings {
  readonly offsets: Int32Array;
  readonly postings: Int32Array;
}

export class PostingsBuilder<G> {
  private readonly ids = new Map<G, number>();
  private readonly grams = new IntList(1 << 16);
  private readonly keys = new IntList(1 << 16);
  private readonly lastKey = new IntList(1 << 12);

  /** Records that `key` holds `gram` (once per key; keys must come in ascending order). */
  add(gram: G, key: number): void {
    let id = this.ids.get(gram);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(gram, id);
      this.lastKey.push(-1);
    }
    if (this.lastKey.data[id] === key) return;
    this.lastKey.data[id] = key;
    this.grams.push(id);
    this.keys.push(key);
  }

  finish(): { readonly ids: ReadonlyMap<G, number> } & Postings {
    const n = this.ids.size;
    const offsets = new Int32Array(n + 1);
    const grams = this.grams.data;
    const count = this.grams.length;
    for (let i = 0; i < count; i++) offsets[grams[i]! + 1]! += 1;
    for (let g = 0; g < n; g++) offsets[g + 1]! += offsets[g]!;
    const fill = offsets.slice(0, n);
    const postings = new Int32Array(count);
    const keys = this.keys.data;
    for (let i = 0; i < count; i++) postings[fill[grams[i]!]!++] = keys[i]!;
    return { ids: this.ids, offsets, postings };
  }
}

/** Keys present in every one of the lists (each ascending); the shortest list drives. */
export function intersect(lists: readonly Int32Array[]): Int32Array {
  if (lists.length === 0) return new Int32Array(0);
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let current = sorted[0]!;
  for (let l = 1; l < sorted.length && current.length > 0; l++) {
    const other = sorted[l]!;
    const out = new Int32Array(current.length);
    let n = 0;
    let lo = 0;
    for (let i = 0; i < current.length; i++) {
      const v = current[i]!;
      // Galloping search: lists can differ in length by orders of magnitude.
      let step = 1;
      let hi = lo;
      while (hi < other.length && other[hi]! < v) {
        lo = hi;
        hi += step;
        step *= 2;
      }
      if (hi > other.length) hi = other.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (other[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      if (lo < other.length && other[lo] === v) out[n++] = v;
    }
    current = out.subarray(0, n);
  }
  return current;
}
