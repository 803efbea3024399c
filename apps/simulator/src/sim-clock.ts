/**
 * Simulated time running `speed` times faster than real time, in lockstep with the server: while
 * a request of the simulator is in flight the simulated clock stands still, so the server's
 * latency (real milliseconds, which at x60 would be minutes) never leaks into simulated response
 * times. The pauses are recorded, so the server's own timestamps (real time) map back exactly to
 * simulated time with {@link SimClock.toSim}.
 */
export interface SimClock {
  readonly speed: number;
  /** Simulated epoch ms at the start. */
  readonly startSimMs: number;
  /** Simulated epoch ms now (frozen while a held request runs). */
  now(): number;
  /** Simulated seconds since the start. */
  elapsedSeconds(): number;
  /** Runs `work` with the clock held still until it settles. */
  hold<T>(work: () => Promise<T>): Promise<T>;
  /** Simulated epoch ms of a real (server) timestamp taken during this run. */
  toSim(realMs: number): number;
  /** Real ms the clock has stood still so far. */
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
  /** Closed pauses as [startReal, endReal], in order. */
  const pauses: [number, number][] = [];
  let closedPausedMs = 0;
  let inFlight = 0;
  let pauseStartedReal = 0;

  const pausedBefore = (realMs: number): number => {
    let total = 0;
    for (const [a, b] of pauses) {
      if (a >= realMs) break;
      total += Math.min(b, realMs) - a;
    }
    if (inFlight > 0 && realMs > pauseStartedReal) total += realMs - pauseStartedReal;
    return total;
  };
  const toSim = (realMs: number) => startSimMs + (realMs - startRealMs - pausedBefore(realMs)) * speed;

  return {
    speed,
    startSimMs,
    now: () => (inFlight > 0 ? toSim(pauseStartedReal) : toSim(realNow())),
    elapsedSeconds: () => ((inFlight > 0 ? toSim(pauseStartedReal) : toSim(realNow())) - startSimMs) / 1000,
    toSim,
    pausedMs: () => closedPausedMs + (inFlight > 0 ? realNow() - pauseStartedReal : 0),
    hold: async <T>(work: () => Promise<T>): Promise<T> => {
      if (inFlight++ === 0) pauseStartedReal = realNow();
      try {
        return await work();
      } finally {
        if (--inFlight === 0) {
          const end = realNow();
          pauses.push([pauseStartedReal, end]);
          closedPausedMs += end - pauseStartedReal;
        }
      }
    },
  };
}

/** Simulated epoch ms of `hour`:00 local time on the day of `realMs` (UTC offset in hours). */
export function simStartAt(realMs: number, hour: number, utcOffsetHours: number): number {
  const dayMs = 86_400_000;
  const local = realMs + utcOffsetHours * 3_600_000;
  const midnight = Math.floor(local / dayMs) * dayMs;
  return midnight + hour * 3_600_000 - utcOffsetHours * 3_600_000;
}
