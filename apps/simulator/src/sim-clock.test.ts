import { describe, expect, it } from 'vitest';
import { createSimClock, simStartAt } from './sim-clock.js';

function fakeClock(speed: number) {
  let real = 1_000_000;
  const clock = createSimClock({ speed, startSimMs: 0, realNow: () => real });
  return { clock, advance: (ms: number) => (real += ms), real: () => real };
}

describe('SimClock', () => {
  it('runs speed times faster than real time, moved by the tick', () => {
    const { clock, advance } = fakeClock(60);
    advance(1000);
    expect(clock.now()).toBe(0);
    expect(clock.advance()).toBe(60_000);
    expect(clock.elapsedSeconds()).toBe(60);
  });

  it('never runs past the next event, whatever the lag', () => {
    const { clock, advance } = fakeClock(60);
    advance(5000); // a late tick: 300 s simulated
    expect(clock.advance(100_000)).toBe(100_000);
    expect(clock.pausedMs()).toBeCloseTo(5000 - 100_000 / 60, 6);
    advance(1000);
    expect(clock.advance()).toBe(160_000);
  });

  it('stands still while a held request is in flight and maps server timestamps back', async () => {
    const { clock, advance, real } = fakeClock(10);
    advance(1000);
    clock.advance(); // 10 s simulated
    let release!: () => void;
    const held = clock.hold(() => new Promise<void>((r) => (release = r)));
    const serverStamp = real() + 300; // stamped by the server mid-request
    advance(500);
    expect(clock.advance()).toBe(10_000);
    release();
    await held;
    expect(clock.toSim(serverStamp)).toBe(10_000);
    advance(1000);
    expect(clock.advance()).toBe(20_000);
    expect(clock.pausedMs()).toBe(500);
    expect(clock.toSim(real())).toBe(20_000);
  });

  it('keeps holding while overlapping requests run', async () => {
    const { clock, advance } = fakeClock(1);
    let a!: () => void;
    let b!: () => void;
    const pa = clock.hold(() => new Promise<void>((r) => (a = r)));
    advance(100);
    const pb = clock.hold(() => new Promise<void>((r) => (b = r)));
    a();
    await pa;
    advance(100);
    expect(clock.advance()).toBe(0);
    b();
    await pb;
    expect(clock.pausedMs()).toBe(200);
  });

  it('starts the simulated day at the local hour', () => {
    const real = Date.UTC(2026, 10, 23, 16, 49); // 00:49 next day in UTC+8
    expect(new Date(simStartAt(real, 17, 8)).toISOString()).toBe('2026-11-24T09:00:00.000Z');
    expect(() => createSimClock({ speed: 0, startSimMs: 0, realNow: () => 0 })).toThrow();
  });
});
