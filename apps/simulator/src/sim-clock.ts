/**
 * Simulated time. Headless runs use a {@link SteppedClock}: a discrete-event clock that moves
 * only when the run steps it to the next event, so nothing in a run depends on how long the real
 * work took. Live runs use a {@link pacedClock}: `speed` simulated seconds per real second.
 */
export interface SimClock {
  /** Simulated epoch ms at the start. */
  readonly startSimMs: number;
  /** Simulated epoch ms now. */
  now(): number;
  /** Simulated seconds since the start. */
  elapsedSeconds(): number;
}

/** Simulated time that stands still between the events the run steps it to. */
export class SteppedClock implements SimClock {
  private simNow: number;

  constructor(readonly startSimMs: number) {
    this.simNow = startSimMs;
  }

  now(): number {
    return this.simNow;
  }

  elapsedSeconds(): number {
    return (this.simNow - this.startSimMs) / 1000;
  }

  /** Moves to `simMs` (never backwards). */
  stepTo(simMs: number): void {
    if (simMs < this.simNow) throw new Error(`clock cannot go back from ${this.simNow} to ${simMs}`);
    this.simNow = simMs;
  }
}

/** Simulated time paced by real time: `speed` simulated seconds per real second. */
export function pacedClock(options: { speed: number; startSimMs: number; realNow: () => number }): SimClock {
  const { speed, startSimMs, realNow } = options;
  if (!(speed > 0)) throw new Error(`speed must be positive, got ${speed}`);
  const startRealMs = realNow();
  const now = () => startSimMs + (realNow() - startRealMs) * speed;
  return { startSimMs, now, elapsedSeconds: () => (now() - startSimMs) / 1000 };
}

/**
 * Which simulated time a real timestamp belongs to: the server stamps incidents with its own
 * (real) clock, while the simulator's requests of one step all run at one simulated time. The
 * run records the real time of every step (after the previous step's last reply, see
 * `server-engine.ts`), so a stamp maps to the step during which it was taken.
 */
export class StepLog {
  private readonly steps: [realMs: number, simMs: number][] = [];

  constructor(private readonly startSimMs: number) {}

  record(realMs: number, simMs: number): void {
    const last = this.steps.at(-1);
    if (last && realMs < last[0]) throw new Error('steps must be recorded in real-time order');
    if (last && last[1] === simMs) return;
    this.steps.push([realMs, simMs]);
  }

  /** Real ms of the last step recorded (-Infinity before the first). */
  get lastRealMs(): number {
    return this.steps.at(-1)?.[0] ?? -Infinity;
  }

  toSim(realMs: number): number {
    const steps = this.steps;
    if (steps.length === 0 || realMs < steps[0]![0]) return this.startSimMs;
    let lo = 0;
    let hi = steps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (steps[mid]![0] <= realMs) lo = mid;
      else hi = mid - 1;
    }
    return steps[lo]![1];
  }
}

/** Simulated epoch ms of `hour`:00 local time on the day of `realMs` (UTC offset in hours). */
export function simStartAt(realMs: number, hour: number, utcOffsetHours: number): number {
  const dayMs = 86_400_000;
  const local = realMs + utcOffsetHours * 3_600_000;
  const midnight = Math.floor(local / dayMs) * dayMs;
  return midnight + hour * 3_600_000 - utcOffsetHours * 3_600_000;
}
