import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleStandbySites } from '@dispatch/coverage';
import type { WorkerPlanning } from '../planning/planning-client.js';
import { createHarness, type Harness } from '../test/app-harness.js';

describe(`cover planner (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('cuts the network into the grids, with each grid knowing the rest of its station area', async () => {
    const zones = h.app.services.planner.zones()!;
    const grids = await h.db.prisma.grid.findMany({ select: { id: true, stationId: true } });
    expect(zones.gridIds).toHaveLength(grids.length);
    const stationOf = new Map(grids.map((g) => [g.id, g.stationId]));
    zones.gridIds.forEach((id, z) => {
      const mates = zones.gridIds.filter((o, j) => j !== z && stationOf.get(o) === stationOf.get(id));
      expect(zones.stationZones[z]!.map((j) => zones.gridIds[j])).toEqual(
        stationOf.get(id) === null ? [] : mates,
      );
    });
    // Every grid holds road, and the vertex zones agree with the segment zones.
    const used = new Set(zones.segmentZone);
    for (let z = 0; z < zones.gridIds.length; z++) expect(used.has(z), zones.gridIds[z]).toBe(true);
    const { segFrom } = zones.network;
    for (let s = 0; s < zones.network.segmentCount; s += 97) {
      const vz = zones.vertexZone[segFrom[s]!]!;
      if (zones.segmentZone[s]! >= 0) expect(vz).toBeGreaterThanOrEqual(0);
    }
    // Kept until the network or the grids change.
    expect(h.app.services.planner.zones()).toBe(zones);
  });

  it('builds the site reach in the planning worker, once for concurrent callers, on the same network', async () => {
    const planner = h.app.services.planner;
    const [a, b] = await Promise.all([planner.reach(), planner.reach()]);
    expect(a).toBe(b);
    const { sites, zones, targetsSeconds } = a!;
    expect(sites.length).toBeGreaterThan(zones.gridIds.length);
    expect(new Set(sites.map((s) => s.zone)).size).toBe(zones.gridIds.length);
    expect(targetsSeconds).toEqual([180, 300]);
    // The worker rebuilt the network from the stored GeoJSON: its sites are the main thread's.
    expect(sites).toEqual(sampleStandbySites(zones.network, zones.vertexZone));
    expect((planner.planning as WorkerPlanning).threadId).not.toBeNull();
  });

  it('places the free units in their home grid, and weighs demand by road length without history', async () => {
    const planner = h.app.services.planner;
    const zones = planner.zones()!;
    const units = await planner.units(zones);
    const free = await h.db.prisma.unit.findMany({
      where: { status: 'available', lastLng: { not: null } },
      select: { id: true, homeGridId: true },
    });
    expect(units.length).toBe(free.length);
    const home = new Map(free.map((u) => [u.id, u.homeGridId]));
    for (const u of units) {
      expect(u.homeGridId).toBe(home.get(u.id));
      expect(u.homeZone).toBe(u.homeGridId ? zones.gridIds.indexOf(u.homeGridId) : -1);
      expect(u.allowedZones).not.toContain(u.homeZone);
    }
    const { demand } = planner.vertexDemand(zones.network);
    const total = demand.reduce((a, b) => a + b, 0);
    const meters = zones.network.segMeters.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(meters, 0);
  });
});
