/**
 * End to end: a fresh demo server from a clean state, then a short headless run over its public
 * REST and Socket.IO interfaces. Slow (the server seeds the city and every crew logs in with
 * argon2-hashed passwords), so it runs a reduced crew and half an hour of calls. The run is
 * stepped like an in-process one, and gives the in-process console's result to the digit: the
 * server's own ranking, state machines and timestamps agree with the simulator's model of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulation, type RunOptions, type RunResult } from './run.js';
import { startFreshServer, type ServerHandle } from './server-process.js';

describe('headless simulation against a fresh demo server', () => {
  let server: ServerHandle;
  let result: RunResult;
  let local: RunResult;
  const lines: string[] = [];
  const options: RunOptions = {
    engine: 'server',
    policy: 'closest',
    mode: 'headless',
    hours: 0.5,
    speed: 1,
    seed: 110,
    startHour: 18,
    utcOffsetHours: 8,
    callsPerHour: 60,
    hotspotShare: 0.5,
    drainMinutes: 20,
    maxReportHz: 1,
    dispatcherUser: 'dispatcher2',
    dispatcherPassword: 'dispatcher123',
    unitPassword: 'unit123',
    loginConcurrency: 6,
    terminals: 90,
    verbose: false,
    log: (line) => lines.push(line),
  };

  beforeAll(async () => {
    server = await startFreshServer();
    result = await runSimulation({ ...options, url: server.url });
    local = await runSimulation({ ...options, engine: 'local', log: () => undefined });
  }, 900_000);

  afterAll(async () => {
    await server?.stop();
  }, 30_000);

  it('dispatches incidents, units arrive, clear, and incidents close', () => {
    const c = result.counters;
    expect(result.units).toBeGreaterThan(50);
    expect(c.incidentsCreated).toBeGreaterThanOrEqual(10);
    expect(c.incidentsCreated).toBe(result.calls);
    expect(c.dispatches).toBe(c.incidentsCreated);
    expect(c.arrivals).toBeGreaterThanOrEqual(c.incidentsCreated);
    expect(c.clears).toBeGreaterThan(0);
    expect(c.closed).toBeGreaterThan(0);
    expect(c.errors).toBe(0);
    expect(lines.some((l) => / dispatched \(closest\): /.test(l))).toBe(true);
  });

  it('produces a summary with plausible numbers', () => {
    const s = result.summary;
    expect(s.incidents).toBe(result.counters.incidentsCreated);
    expect(s.callToDispatch.count).toBe(s.incidents);
    expect(s.callToOnScene.count).toBe(s.incidents);
    for (const d of [s.callToDispatch, s.callToOnScene]) {
      expect(d.medianSeconds!).toBeGreaterThan(0);
      expect(d.medianSeconds!).toBeLessThan(30 * 60);
      expect(d.p90Seconds!).toBeGreaterThanOrEqual(d.medianSeconds!);
    }
    // Units are sent while the call is taken (10-40 s in), and someone is sent before anyone arrives.
    expect(s.callToDispatch.medianSeconds!).toBeGreaterThanOrEqual(10);
    expect(s.callToDispatch.p90Seconds!).toBeLessThanOrEqual(60);
    expect(s.callToOnScene.medianSeconds!).toBeGreaterThan(s.callToDispatch.medianSeconds!);
    for (const share of [s.onSceneWithin3Min!, s.onSceneWithin5Min!]) {
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    }
    expect(s.onSceneWithin5Min!).toBeGreaterThanOrEqual(s.onSceneWithin3Min!);
  });

  it('gives the in-process console result to the digit (so two server runs agree too)', () => {
    expect(result.summary).toEqual(local.summary);
    expect(result.incidents).toEqual(local.incidents);
    expect(result.counters).toEqual(local.counters);
  });
});
