import { describe, expect, it } from 'vitest';
import { pacedClock, simStartAt, SteppedClock, StepLog } from './sim-clock.js';

describe('SteppedClock', () => {
  it('moves only when stepped, never backwards', () => {
    const clock = new SteppedClock(1000);
    expect(clock.now()).toBe(1000);
    clock.stepTo(61_000);
    expect(clock.elapsedSeconds()).toBe(60);
    expect(() => clock.stepTo(60_000)).toThrow();
  });
});

describe('pacedClock', () => {
  it('runs speed times faster than real time', () => {
    let real = 5000;
    const clock = pacedClock({ speed: 60, startSimMs: 0, realNow: () => real });
    real += 1000;
    expect(clock.now()).toBe(60_000);
    expect(clock.elapsedSeconds()).toBe(60);
    expect(() => pacedClock({ speed: 0, startSimMs: 0, realNow: () => 0 })).toThrow();
  });
});

describe('StepLog', () => {
  it('maps a real timestamp to the simulated time of the step it was taken in', () => {
    const log = new StepLog(0);
    log.record(100, 0);
    log.record(105, 30_000);
    log.record(106, 30_000); // same simulated time: no new step
    log.record(110, 90_000);
    expect(log.toSim(50)).toBe(0); // before the first step: the start
    expect(log.toSim(104)).toBe(0);
    expect(log.toSim(105)).toBe(30_000);
    expect(log.toSim(109)).toBe(30_000);
    expect(log.toSim(500)).toBe(90_000);
    expect(log.lastRealMs).toBe(110);
    expect(() => log.record(100, 120_000)).toThrow();
  });
});

describe('simStartAt', () => {
  it('starts the simulated day at the local hour', () => {
    const real = Date.UTC(2026, 10, 23, 16, 49); // 00:49 next day in UTC+8
    expect(new Date(simStartAt(real, 17, 8)).toISOString()).toBe('2026-11-24T09:00:00.000Z');
  });
});
