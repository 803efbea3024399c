import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drives } from '@dispatch/coverage';
import { createHarness, type Harness } from '../test/app-harness.js';
import type { PlannerUnit, Zones } from '../services/cover-planner.js';
import { InlinePlanning, WorkerPlanning, type Planning } from './planning-client.js';

describe('planning engine in a worker thread', () => {
  let h: Harness;
  let zones: Zones;
  let units: PlannerUnit[];
  let source: () => string | null;
  const made: Planning[] = [];
  const worker = () => {
    const p = new WorkerPlanning(source);
    made.push(p);
    return p;
  };
  beforeAll(async () => {
    h = await createHarness();
    zones = h.app.services.planner.zones()!;
    units = await h.app.services.planner.units(zones);
    source = () => h.app.services.roads.geojsonText;
  });
  afterAll(async () => {
    await Promise.all(made.map((p) => p.close()));
    await h?.close();
  });

  const standbyRequest = () => {
    const { demand, segments } = h.app.services.planner.vertexDemand(zones.network);
    return {
      targetsSeconds: [180, 300],
      units,
      fixed: units.filter((u) => !drives(u)).map((u) => u.candidate),
      vertexDemand: demand,
      segmentDemand: segments,
      busyFraction: 0.3,
    };
  };

  it('answers coverage, standby and move-up exactly as the same engine on the main thread', async () => {
    const inline = new InlinePlanning();
    const remote = worker();
    const coverage = { candidates: units.map((u) => u.candidate), within: [180, 300], segmentDemand: null };
    expect(await remote.coverage(zones, coverage)).toEqual(await inline.coverage(zones, coverage));
    const standby = standbyRequest();
    const [a, b] = [await remote.standby(zones, standby), await inline.standby(zones, standby)];
    expect(a.plan.placements.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
    const moveUp = {
      targetsSeconds: [180, 300],
      units: units.slice(1),
      vertexDemand: standby.vertexDemand,
      holes: [units[0]!.candidate.lngLat],
      now: Date.now(),
      maxMoves: 2,
      minMoveIntervalSeconds: 1800,
      shortlist: 12,
      mayLeaveStationArea: true,
    };
    expect(await remote.moveUp(zones, moveUp)).toEqual(await inline.moveUp(zones, moveUp));
  });

  it('keeps the main thread free while a plan is computed (inline blocks it)', async () => {
    const ticksDuring = async (planning: Planning) => {
      await planning.standby(zones, { ...standbyRequest(), busyFraction: 0.31 }); // warm: reach built
      let ticks = 0;
      const timer = setInterval(() => (ticks += 1), 1);
      try {
        // A fresh busy fraction: nothing is cached, the whole greedy runs.
        for (const q of [0.2, 0.25, 0.35])
          await planning.standby(zones, { ...standbyRequest(), busyFraction: q });
      } finally {
        clearInterval(timer);
      }
      return ticks;
    };
    expect(await ticksDuring(new InlinePlanning())).toBe(0);
    expect(await ticksDuring(worker())).toBeGreaterThan(0);
  });

  it('a worker that dies fails the calls in flight, and the next call starts a new one', async () => {
    const remote = worker();
    const request = standbyRequest();
    await remote.standby(zones, request);
    const first = remote.threadId;
    const inFlight = remote.standby(zones, { ...request, busyFraction: 0.22 });
    await remote.terminate();
    await expect(inFlight).rejects.toThrow(/worker exited/);
    const again = await remote.standby(zones, request);
    expect(again.plan.placements.length).toBeGreaterThan(0);
    expect(remote.threadId).not.toBe(first);
  });

  it('plans on the main thread for a network built in memory (no GeoJSON to send)', async () => {
    const remote = new WorkerPlanning(() => null);
    made.push(remote);
    const coverage = { candidates: units.map((u) => u.candidate), within: [180, 300], segmentDemand: null };
    expect(await remote.coverage(zones, coverage)).toEqual(
      await new InlinePlanning().coverage(zones, coverage),
    );
    expect(remote.threadId).toBeNull();
  });
});
