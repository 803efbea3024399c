import type { ClockTargets } from '@dispatch/domain';
import { DEFAULT_CLOCK_TARGETS } from '@dispatch/domain';
import { create } from 'zustand';

export interface ClockState {
  /** Server time minus local time (ms), from the last snapshot. */
  offsetMs: number;
  /** Server-aligned "now" (epoch ms), advanced by `tick` once a second. */
  now: number;
  targets: ClockTargets;
  /** The centre's time zone (from the snapshot): times are shown in it, whatever the machine's. */
  timeZone: string;
  setTimeZone: (timeZone: string) => void;
  /** Aligns with the server's clock; `localAt` is when the server time was received. */
  syncServerTime: (serverTime: number, localAt?: number) => void;
  tick: (localNow?: number) => void;
  setTargets: (targets: ClockTargets) => void;
}

export const useClockStore = create<ClockState>()((set, get) => ({
  offsetMs: 0,
  now: Date.now(),
  targets: DEFAULT_CLOCK_TARGETS,
  timeZone: 'Asia/Shanghai',
  setTimeZone: (timeZone) => set({ timeZone }),
  syncServerTime: (serverTime, localAt = Date.now()) => {
    const offsetMs = serverTime - localAt;
    set({ offsetMs, now: localAt + offsetMs });
  },
  tick: (localNow = Date.now()) => set({ now: localNow + get().offsetMs }),
  setTargets: (targets) => set({ targets }),
}));

/** Server-aligned current time, for code outside React (e.g. `receivedAt` of a new call). */
export function serverNow(): number {
  return Date.now() + useClockStore.getState().offsetMs;
}

/** Starts the one-second tick that drives every response clock; returns a stop function. */
export function startClockTicker(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    // Fire just after each whole second so every displayed clock advances together.
    timer = setTimeout(
      () => {
        useClockStore.getState().tick();
        schedule();
      },
      1000 - (Date.now() % 1000) + 5,
    );
  };
  useClockStore.getState().tick();
  schedule();
  return () => clearTimeout(timer);
}
