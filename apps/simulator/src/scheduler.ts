/** Tasks due at simulated times, run by the tick loop in time order. */
export class Scheduler {
  private tasks: { at: number; seq: number; run: () => void }[] = [];
  private seq = 0;

  /** Runs `run` once simulated epoch ms `at` is reached. */
  at(at: number, run: () => void): void {
    this.tasks.push({ at, seq: this.seq++, run });
    this.tasks.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  /** Runs every task due at or before `now`, in order. */
  runDue(now: number): number {
    let n = 0;
    while (this.tasks.length > 0 && this.tasks[0]!.at <= now) {
      this.tasks.shift()!.run();
      n += 1;
    }
    return n;
  }

  /** Simulated time of the next task (Infinity when none). */
  get nextAt(): number {
    return this.tasks[0]?.at ?? Infinity;
  }

  get size(): number {
    return this.tasks.length;
  }
}
