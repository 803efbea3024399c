/**
 * Simulated time, paced by real time (`speed` simulated seconds per real second) but advanced
 * only by the tick loop, as a discrete-event clock:
 * - it never runs past the next due event (`advance(limit)`), so a call, an arrival or the end of
 *   a service happens at its exact simulated time however late the event loop ticks;
 * - it stands still while a request of the simulator is in flight (`hold`), so the server's
 *   latency (real milliseconds, minutes at x60) never counts as simulated time.
 * Server timestamps (real time, same host clock) map back with {@link SimClock.toSim}: they are
 * taken during held requests, when simulated time stands still.
 */
export interface SimClock {
  readonly speed: number;
  /** Simulated epoch ms at the start. */
  readonly startSimMs: number;
  /** Simulated epoch ms now. */
  now(): number;
  /** Simulated seconds since the start. */
  elapsedSeconds(): number;
  /** Moves simulated time forward by the real time elapsed (unless held), but not past `limitSimMs`. */
  advance(limitSimMs?: number): number;
  /** Runs `work` with the clock held still until it settles. */
  hold<T>(work: () => Promise<T>): Promise<T>;
  /** Simulated epoch ms at a real timestamp taken during this run. */
  toSim(realMs: number): number;
  /** Real ms the clock has stood still (held, or waiting at an event) so far. */
  pausedMs(): number;
}

export function createSimClock(options: {
  speed: number;
  startSimMs: number;
  realNow: () => number;
}): SimClock {
  const { speed, startSimMs, realNow } = options;
  if (!(speed > 0)) throw new Error(`speed must be positive, got ${speed}`);
  const startRealMs = realNow();
  let simNow = startSimMs;
  let lastReal = startRealMs;
  let inFlight = 0;
  let pausedMs = 0;
  /** [realMs, simMs] after every change of simulated time, in order. */
  const history: [number, number][] = [[startRealMs, startSimMs]];

  return {
    speed,
    startSimMs,
    now: () => simNow,
    elapsedSeconds: () => (simNow - startSimMs) / 1000,
    advance: (limitSimMs = Infinity) => {
      const real = realNow();
      if (inFlight > 0) return simNow;
      const wanted = simNow + (real - lastReal) * speed;
      const next = Math.max(simNow, Math.min(wanted, limitSimMs));
      pausedMs += (wanted - next) / speed;
      lastReal = real;
      if (next !== simNow) {
        simNow = next;
        history.push([real, simNow]);
      }
      return simNow;
    },
    hold: async <T>(work: () => Promise<T>): Promise<T> => {
      if (inFlight++ === 0) {
        // Real time since the last tick is not simulated (it could overshoot the next event).
        const real = realNow();
        const wanted = simNow + (real - lastReal) * speed;
        pausedMs += (wanted - simNow) / speed;
        lastReal = real;
      }
      try {
        return await work();
      } finally {
        if (--inFlight === 0) {
          const real = realNow();
          pausedMs += real - lastReal;
          lastReal = real;
        }
      }
    },
    toSim: (realMs) => {
      let lo = 0;
      let hi = history.length - 1;
      if (realMs < history[0]![0]) return startSimMs;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (history[mid]![0] <= realMs) lo = mid;
        else hi = mid - 1;
      }
      return history[lo]![1];
    },
    pausedMs: () => pausedMs,
  };
}

/** Simulated epoch ms of `hour`:00 local time on the day of `realMs` (UTC offset in hours). */
export function simStartAt(realMs: number, hour: number, utcOffsetHours: number): number {
  const dayMs = 86_400_000;
  const local = realMs + utcOffsetHours * 3_600_000;
  const midnight = Math.floor(local / dayMs) * dayMs;
  return midnight + hour * 3_600_000 - utcOffsetHours * 3_600_000;
}
