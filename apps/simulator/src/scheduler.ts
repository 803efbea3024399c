/**
 * Tasks due at simulated times, in time order; tasks due at the same time run in the order they
 * were scheduled. A binary heap: a run holds one pending step per unit (hundreds) plus the calls.
 */
export type Task = () => void | Promise<void>;

interface Entry {
  at: number;
  seq: number;
  run: Task;
}

const before = (a: Entry, b: Entry) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export class Scheduler {
  private heap: Entry[] = [];
  private seq = 0;

  /** Runs `run` once simulated epoch ms `at` is reached. */
  at(at: number, run: Task): void {
    if (!Number.isFinite(at)) throw new Error(`task time must be finite, got ${at}`);
    const heap = this.heap;
    heap.push({ at, seq: this.seq++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** Removes and returns the earliest task if it is due at or before `now`. */
  takeDue(now: number): Task | undefined {
    const top = this.heap[0];
    if (!top || top.at > now) return undefined;
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top.run;
  }

  /**
   * Starts every task due at or before `now`, in order, without waiting for async ones (live
   * mode); a task's failure goes to `onError`.
   */
  runDue(now: number, onError: (error: unknown) => void = () => undefined): number {
    let n = 0;
    for (let task = this.takeDue(now); task; task = this.takeDue(now)) {
      n += 1;
      try {
        const result = task();
        if (result) result.catch(onError);
      } catch (error) {
        onError(error);
      }
    }
    return n;
  }

  /** Simulated time of the next task (Infinity when none). */
  get nextAt(): number {
    return this.heap[0]?.at ?? Infinity;
  }

  get size(): number {
    return this.heap.length;
  }
}
