import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateTravelTimes, type TravelCandidate } from '@dispatch/routing';
import type { CoverUnit } from './cover-units.js';
import { inStationArea } from './cover-units.js';
import { standbyPoints } from './standby-points.js';
import { sampleStandbySites, siteReach, type SiteReach } from './standby-sites.js';
import {
  at,
  halvesByVertex,
  lattice,
  pointIn,
  randomLattice,
  vertexDemandArb,
  type Lattice,
} from './test-support.js';

const TARGETS = [60, 120];

function setup(l: Lattice, spacingMeters = 400): SiteReach {
  return siteReach(l.network, sampleStandbySites(l.network, halvesByVertex(l), { spacingMeters }), {
    targetsSeconds: TARGETS,
  });
}

const unitAt = (
  id: string,
  lngLat: TravelCandidate['lngLat'],
  homeZone: number,
  extra: Partial<TravelCandidate> = {},
) => ({ candidate: { id, lngLat, ...extra }, homeZone }) satisfies CoverUnit;

/** Demand on the vertices within `radius` meters of a point. */
function demandAround(l: Lattice, points: readonly { x: number; y: number; weight: number }[], radius = 250) {
  const net = l.network;
  const d = new Float64Array(net.vertexCount);
  for (let v = 0; v < net.vertexCount; v++)
    for (const p of points) {
      const [lng, lat] = at(p.x, p.y);
      const dx = (net.vertexLng[v]! - lng) * 111_195 * Math.cos((39.9 * Math.PI) / 180);
      const dy = (net.vertexLat[v]! - lat) * 111_195;
      if (Math.hypot(dx, dy) <= radius) d[v] = d[v]! + p.weight;
    }
  return d;
}

describe('standbyPoints', () => {
  const l = lattice(8, 8);
  const reach = setup(l);
  // Two hot spots: a big one in the west, a small one in the east.
  const demand = demandAround(l, [
    { x: 800, y: 1200, weight: 10 },
    { x: 2000, y: 1600, weight: 1 },
  ]);

  it('sends units to the hot spots, in their own grid by default', () => {
    const units = [unitAt('w', at(0, 0), 0), unitAt('e', at(2800, 2800), 1)];
    const plan = standbyPoints(reach, units, demand, { busyFraction: 0 });
    expect(plan.placements.map((p) => p.unitId).sort()).toEqual(['e', 'w']);
    const w = plan.placements.find((p) => p.unitId === 'w')!;
    const e = plan.placements.find((p) => p.unitId === 'e')!;
    expect(w.site.zone).toBe(0);
    expect(e.site.zone).toBe(1);
    // Each waits where all its grid's demand is within 1 minute.
    expect(plan.coveredWithin[0]).toBeCloseTo(plan.totalDemand, 6);
    expect(w.gain).toBeGreaterThan(e.gain);
    // The travel time is the road time from the unit to its point.
    const eta = estimateTravelTimes(l.network, w.site.lngLat, [units[0]!.candidate])[0]!;
    expect(w.travelSeconds).toBeCloseTo(eta.etaSeconds, 6);
  });

  it('stacks a second unit on the big hot spot when units are often busy (MEXCLP)', () => {
    const units = [unitAt('a', at(0, 0), 0), unitAt('b', at(0, 2800), 0)];
    const both = { crossZones: true, weights: [1, 0] };
    // q = 0.5: a second unit at the big spot adds 10 * 0.25 per vertex, the small spot only 1 * 0.5.
    const busy = standbyPoints(reach, units, demand, { ...both, busyFraction: 0.5 });
    expect(busy.placements.every((p) => p.site.zone === 0)).toBe(true);
    // q = 0: a second unit there adds nothing; it goes east (crossing allowed).
    const never = standbyPoints(reach, units, demand, { ...both, busyFraction: 0 });
    expect(never.placements.map((p) => p.site.zone).sort()).toEqual([0, 1]);
    // Without crossing, both stay in the west.
    const home = standbyPoints(reach, units, demand, { busyFraction: 0, weights: [1, 0] });
    expect(home.placements.every((p) => p.site.zone === 0)).toBe(true);
  });

  it('places only driving units, and says why not the others', () => {
    const units = [
      unitAt('post', at(0, 0), 0, { mode: 'walk', maxRangeMeters: 800 }),
      unitAt('drone', at(0, 0), 0, { mode: 'fly' }),
      unitAt('moto', at(0, 0), 0, { speedFactor: 1.1 }),
      unitAt('lost', at(0, 0), 7),
    ];
    const plan = standbyPoints(reach, units, demand);
    expect(plan.placements.map((p) => p.unitId)).toEqual(['moto']);
    expect(plan.unplaced).toEqual([
      { unitId: 'post', reason: 'not_driving' },
      { unitId: 'drone', reason: 'not_driving' },
      { unitId: 'lost', reason: 'no_allowed_site' },
    ]);
  });

  it('counts units that stay put (fixedSeconds) as already there', () => {
    const units = [unitAt('a', at(0, 0), 0)];
    const fixed = new Float64Array(l.network.vertexCount).fill(Infinity);
    const alone = standbyPoints(reach, units, demand, { busyFraction: 0 });
    const site = alone.placements[0]!.site;
    // Everything the chosen site covers is covered already: the unit adds little there now.
    for (
      let j = reach.offsets[alone.placements[0]!.siteIndex]!;
      j < reach.offsets[alone.placements[0]!.siteIndex + 1]!;
      j++
    )
      fixed[reach.vertices[j]!] = 0;
    const withFixed = standbyPoints(reach, units, demand, { busyFraction: 0, fixedSeconds: fixed });
    expect(withFixed.placements[0]!.site).not.toEqual(site);
    expect(withFixed.placements[0]!.gain).toBeLessThan(alone.placements[0]!.gain);
  });
});

describe('standbyPoints properties', () => {
  const scenario = randomLattice.chain((l) =>
    fc.record({
      l: fc.constant(l),
      demand: vertexDemandArb(l),
      units: fc.array(fc.record({ lngLat: pointIn(l), homeZone: fc.integer({ min: 0, max: 1 }) }), {
        minLength: 1,
        maxLength: 6,
      }),
      extra: fc.record({ lngLat: pointIn(l), homeZone: fc.integer({ min: 0, max: 1 }) }),
      q: fc.constantFrom(0, 0.2, 0.5),
      crossZones: fc.boolean(),
    }),
  );
  const toUnits = (xs: readonly { lngLat: TravelCandidate['lngLat']; homeZone: number }[]) =>
    xs.map((x, i) => unitAt(`u${i}`, x.lngLat, x.homeZone));

  it('greedy gains never increase, every unit keeps to its station area, and the plan is deterministic', () => {
    fc.assert(
      fc.property(scenario, ({ l, demand, units, q, crossZones }) => {
        const reach = setup(l, 500);
        const input = toUnits(units);
        const plan = standbyPoints(reach, input, demand, { busyFraction: q, crossZones });
        expect(standbyPoints(reach, input, demand, { busyFraction: q, crossZones })).toEqual(plan);
        for (let i = 1; i < plan.placements.length; i++)
          expect(plan.placements[i]!.gain).toBeLessThanOrEqual(plan.placements[i - 1]!.gain);
        const byId = new Map(input.map((u) => [u.candidate.id, u]));
        for (const p of plan.placements) {
          if (!crossZones) expect(inStationArea(byId.get(p.unitId)!, p.site)).toBe(true);
          expect(p.gain).toBeGreaterThanOrEqual(0);
        }
        expect(new Set(plan.placements.map((p) => p.unitId)).size).toBe(plan.placements.length);
        if (crossZones) expect(plan.placements).toHaveLength(input.length);
        expect(plan.placements.length + plan.unplaced.length).toBe(input.length);
        // The gains add up to the expected coverage (weights 1: both targets).
        const sum = plan.placements.reduce((a, p) => a + p.gain, 0);
        expect(sum).toBeCloseTo(plan.expectedWithin[0]! + plan.expectedWithin[1]!, 6);
        for (let t = 0; t < 2; t++)
          expect(plan.expectedWithin[t]!).toBeLessThanOrEqual(plan.coveredWithin[t]! + 1e-9);
      }),
      { numRuns: 40 },
    );
  });

  it('never covers less when a unit is added (free placement: the same sites first)', () => {
    fc.assert(
      fc.property(scenario, ({ l, demand, units, extra, q }) => {
        const reach = setup(l, 500);
        const before = standbyPoints(reach, toUnits(units), demand, { busyFraction: q, crossZones: true });
        const after = standbyPoints(reach, toUnits([...units, extra]), demand, {
          busyFraction: q,
          crossZones: true,
        });
        const sites = (p: typeof before) => p.placements.map((x) => x.siteIndex);
        expect(sites(after).slice(0, units.length)).toEqual(sites(before));
        for (let t = 0; t < 2; t++) {
          expect(after.expectedWithin[t]!).toBeGreaterThanOrEqual(before.expectedWithin[t]! - 1e-9);
          expect(after.coveredWithin[t]!).toBeGreaterThanOrEqual(before.coveredWithin[t]! - 1e-9);
        }
      }),
      { numRuns: 40 },
    );
  });
});
