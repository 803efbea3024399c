/**
 * The coverage policies on the demo city's in-process console: where standby sends free units,
 * and what move-up does after a dispatch. Direct calls on a clock the test sets, no run.
 */
import type { UnitDto } from '@dispatch/contracts';
import type { LngLat } from '@dispatch/domain';
import { describe, expect, it } from 'vitest';
import { openLocalEngine } from '../local-engine.js';
import { simStartAt } from '../sim-clock.js';
import { coverModel } from './cover-model.js';
import { CoveragePolicy } from './coverage-policy.js';
import type { PolicyContext, PolicyRun } from './policy.js';

const MIN = 60_000;

async function rig(moveUp: boolean) {
  const start = simStartAt(Date.UTC(2026, 11, 8), 17, 8);
  let now = start;
  // A thin fleet (the first 40 logins), so a dispatch leaves a hole worth filling.
  const engine = await openLocalEngine({ terminals: 40, utcOffsetHours: 8, now: () => now, log: () => {} });
  const ctx: PolicyContext = {
    console: engine.dispatcher,
    now: () => now,
    postRanges: async () => new Map((await engine.dispatcher.posts()).map((p) => [p.id, p.rangeMeters])),
  };
  const run: PolicyRun = {
    network: engine.network,
    grids: engine.grids,
    hotspots: engine.hotspots,
    places: engine.places,
    seed: 7,
    startSimMs: start,
    startHour: 17,
    utcOffsetHours: 8,
    callsPerHour: 40,
    hotspotShare: 0.5,
    log: () => {},
  };
  const policy = new CoveragePolicy({ name: 'test', moveUp });
  await policy.start(run, ctx);
  const units = await engine.dispatcher.units();
  const drivers = units.filter(
    (u) => u.status === 'available' && (u.kind === 'patrol_car' || u.kind === 'motorcycle'),
  );
  // The model the policy built (cached per network): a site's zone is its grid by the road
  // segments it joins, so a junction on a border belongs to one grid, as in the server.
  const model = coverModel(engine.network!, engine.grids, 9);
  const zoneOfPoint = (lngLat: LngLat) =>
    model.reach.sites.find((s) => s.lngLat.join() === lngLat.join())?.zone;
  const homeZone = (u: UnitDto) => model.zoneOf.get(u.homeGridId!);
  const ask = (u: UnitDto) => policy.standbyTarget({ id: u.id, kind: u.kind }, now);
  return {
    engine,
    ctx,
    policy,
    drivers,
    zoneOfPoint,
    homeZone,
    ask,
    setNow: (t: number) => (now = t),
    start,
  };
}

describe('closest+standby', () => {
  it('sends each free car to a standby point in its home grid, and walkers patrol', async () => {
    const { engine, drivers, zoneOfPoint, homeZone, ask } = await rig(false);
    expect(drivers.length).toBeGreaterThan(10);
    const points = new Set<string>();
    for (const u of drivers) {
      const point = await ask(u);
      expect(point).not.toBeNull();
      expect(zoneOfPoint(point!)).toBe(homeZone(u));
      points.add(point!.join());
    }
    // Spread out: not everyone at one point.
    expect(points.size).toBeGreaterThan(drivers.length / 2);
    const walker = (await engine.dispatcher.units()).find(
      (u) => u.kind === 'foot_patrol' && u.status === 'available',
    );
    if (walker) expect(await ask(walker)).toBeNull();
  }, 30_000);
});

describe('closest+standby+moveup', () => {
  it('moves idle units up after a dispatch, never one moved in the last 30 minutes', async () => {
    const { engine, ctx, policy, drivers, zoneOfPoint, homeZone, ask, setNow, start } = await rig(true);
    for (const u of drivers) await ask(u);
    // Everyone was just sent to a standby point: the 30-minute rule holds them all.
    const sendOne = async (unit: UnitDto) => {
      const incident = await engine.dispatcher.createIncident({
        type: 'theft',
        priority: 3,
        location: { lng: unit.position!.lngLat[0], lat: unit.position!.lngLat[1] },
      });
      await engine.dispatcher.dispatch(incident.id, [unit.id]);
      return policy.afterDispatch({ incident, unitIds: [unit.id] }, ctx);
    };
    setNow(start + 10 * MIN);
    expect(await sendOne(drivers[0]!)).toEqual([]);
    // 31 minutes on, the next dispatch leaves a hole and idle units move up.
    setNow(start + 41 * MIN);
    const moves = await sendOne(drivers[1]!);
    expect(moves.length).toBeGreaterThan(0);
    expect(moves.length).toBeLessThanOrEqual(2);
    const byId = new Map((await engine.dispatcher.units()).map((u) => [u.id, u]));
    for (const m of moves) {
      const unit = byId.get(m.unitId)!;
      expect(unit.status).toBe('available');
      expect(zoneOfPoint(m.lngLat)).toBe(homeZone(unit));
      // Its standby point is now the move-up site.
      expect(await ask(unit)).toEqual(m.lngLat);
    }
    // A dispatch right after: whoever moved up stays where it went.
    setNow(start + 42 * MIN);
    const again = await sendOne(drivers[2]!);
    for (const m of again) expect(moves.map((x) => x.unitId)).not.toContain(m.unitId);
  }, 30_000);
});
