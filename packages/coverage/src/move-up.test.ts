import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LngLat } from '@dispatch/domain';
import { coverageTimes, estimateTravelTimes, type RoadNetwork } from '@dispatch/routing';
import { inStationArea } from './cover-units.js';
import { coveredDemand, vertexDemandOf } from './demand.js';
import { recommendMoveUp, type MoveUpResult, type MoveUpUnit } from './move-up.js';
import { sampleStandbySites, siteReach, type SiteReach } from './standby-sites.js';
import {
  at,
  halvesBySegment,
  halvesByVertex,
  lattice,
  pointIn,
  randomLattice,
  vertexDemandArb,
  type Lattice,
} from './test-support.js';

const TARGETS = [60, 120];
const NOW = Date.UTC(2026, 11, 7, 12);
const MIN = 60_000;

function reachOf(l: Lattice, spacingMeters = 400): SiteReach {
  return siteReach(l.network, sampleStandbySites(l.network, halvesByVertex(l), { spacingMeters }), {
    targetsSeconds: TARGETS,
  });
}

const unit = (id: string, lngLat: LngLat, homeZone: number, extra: Partial<MoveUpUnit> = {}): MoveUpUnit => ({
  candidate: { id, lngLat },
  homeZone,
  ...extra,
});

/** Demand covered within each target by `units` standing where they are (independent of move-up). */
function covered(net: RoadNetwork, units: readonly MoveUpUnit[], demand: Float64Array): number[] {
  const seconds = coverageTimes(
    net,
    units.map((u) => u.candidate),
    { limitSeconds: TARGETS[1]! },
  )!.seconds;
  return TARGETS.map((t) => coveredDemand(seconds, demand, t));
}

/** The units after the recommended moves. */
function applied(units: readonly MoveUpUnit[], result: MoveUpResult): MoveUpUnit[] {
  const to = new Map(result.moves.map((m) => [m.unitId, m.site.lngLat]));
  return units.map((u) => {
    const site = to.get(u.candidate.id);
    return site ? { ...u, candidate: { ...u.candidate, lngLat: site } } : u;
  });
}

describe('recommendMoveUp', () => {
  const l = lattice(8, 8);
  const reach = reachOf(l);
  const demand = vertexDemandOf(l.network);
  // The west grid's middle unit was dispatched from (1000, 1400); two stay at its corners.
  const hole = at(1000, 1400);
  const west = [unit('a', at(400, 400), 0), unit('b', at(400, 2400), 0)];
  const east = [unit('e1', at(2200, 1400), 1), unit('e2', at(2200, 1400), 1)];
  const homeOf = (units: readonly MoveUpUnit[], id: string) =>
    units.find((u) => u.candidate.id === id)!.homeZone;

  it('moves idle units to fill the hole, each with its gain and travel time, in its own grid', () => {
    const units = [...west, ...east];
    const result = recommendMoveUp({ reach, units, vertexDemand: demand, holes: [hole], now: NOW });
    expect(result.moves).toHaveLength(2);
    for (const m of result.moves) {
      expect(m.site.zone).toBe(homeOf(units, m.unitId));
      expect(m.gainWithin[1]).toBeGreaterThan(0);
      const eta = estimateTravelTimes(l.network, m.site.lngLat, [
        units.find((u) => u.candidate.id === m.unitId)!.candidate,
      ])[0]!;
      expect(m.travelSeconds).toBeCloseTo(eta.etaSeconds, 3);
    }
    expect(result.coveredBefore).toEqual(covered(l.network, units, demand).map((x) => expect.closeTo(x, 6)));
    expect(result.coveredAfter).toEqual(
      covered(l.network, applied(units, result), demand).map((x) => expect.closeTo(x, 6)),
    );
    expect(result.coveredAfter[1]).toBeGreaterThan(result.coveredBefore[1]!);
    // The first of two moves is the one move recommended when only one is wanted.
    const one = recommendMoveUp(
      { reach, units, vertexDemand: demand, holes: [hole], now: NOW },
      { maxMoves: 1 },
    );
    expect(one.moves).toEqual([result.moves[0]]);
    // West alone: one of its units moves towards the middle of the grid.
    const alone = recommendMoveUp({ reach, units: west, vertexDemand: demand, holes: [hole], now: NOW });
    expect(alone.moves.length).toBeGreaterThan(0);
    expect(alone.moves.every((m) => m.site.zone === 0)).toBe(true);
  });

  it('does not move a unit twice within 30 minutes, nor out of its station area', () => {
    // Demand in the west only: east units could only help by crossing.
    const westDemand = vertexDemandOf(
      l.network,
      Float64Array.from(halvesBySegment(l), (z) => (z === 0 ? 1 : 0)),
    );
    const input = (units: MoveUpUnit[], now = NOW) => ({
      reach,
      units,
      vertexDemand: westDemand,
      holes: [hole],
      now,
    });
    const recent = west.map((u) => ({ ...u, lastMovedAt: NOW - 10 * MIN }));
    const result = recommendMoveUp(input([...recent, ...east]));
    expect(result.excluded).toEqual([
      { unitId: 'a', reason: 'moved_recently' },
      { unitId: 'b', reason: 'moved_recently' },
    ]);
    // East's units only edge towards the border, staying in their grid.
    expect(result.moves.every((m) => m.unitId.startsWith('e') && m.site.zone === 1)).toBe(true);
    // 30 minutes after their last move, they may move again.
    const later = recommendMoveUp(input([...recent, ...east], NOW + 20 * MIN));
    expect(later.moves.length).toBeGreaterThan(0);
    expect(later.excluded).toEqual([]);
    // East's units may cover the west when their station area includes it ...
    const shared = [...recent, ...east.map((u) => ({ ...u, allowedZones: [0] }))];
    const crossing = recommendMoveUp(input(shared));
    expect(crossing.moves.some((m) => m.unitId.startsWith('e') && m.site.zone === 0)).toBe(true);
    expect(crossing.coveredAfter[1]).toBeGreaterThan(result.coveredAfter[1]!);
    // ... or when a rule says so; a rule forbidding everything moves nobody.
    const byRule = recommendMoveUp(input([...recent, ...east]), {
      maxMoves: 1,
      allowSite: (u, site) => u.candidate.id === 'e2' || site.zone === u.homeZone,
    });
    expect(byRule.moves.map((m) => [m.unitId, m.site.zone])).toEqual([['e2', 0]]);
    expect(recommendMoveUp(input([...west, ...east]), { allowSite: () => false }).moves).toEqual([]);
  });

  it('takes sites anywhere on a road, not only at crossings', () => {
    // Mid-block vertices only (no graph nodes), in the west.
    const net = l.network;
    const zones = halvesByVertex(l);
    const midBlock = Array.from({ length: net.vertexCount }, (_, v) => v)
      .filter((v) => net.vertexNode[v]! < 0 && zones[v] === 0)
      .map((v) => ({ vertex: v, zone: 0, lngLat: [net.vertexLng[v]!, net.vertexLat[v]!] as LngLat }));
    const custom = siteReach(net, midBlock, { targetsSeconds: TARGETS });
    const result = recommendMoveUp({
      reach: custom,
      units: west,
      vertexDemand: demand,
      holes: [hole],
      now: NOW,
    });
    expect(result.moves.length).toBeGreaterThan(0);
    for (const m of result.moves) {
      expect(net.vertexNode[m.site.vertex]).toBe(-1);
      const u = west.find((x) => x.candidate.id === m.unitId)!;
      const eta = estimateTravelTimes(net, m.site.lngLat, [u.candidate])[0]!;
      expect(m.travelSeconds).toBeCloseTo(eta.etaSeconds, 3);
    }
    expect(result.coveredAfter).toEqual(
      covered(net, applied(west, result), demand).map((x) => expect.closeTo(x, 6)),
    );
  });

  it('leaves pinned units, posts and drones where they are, and counts them there', () => {
    const units = [
      unit('a', at(400, 400), 0, { movable: false }),
      {
        candidate: { id: 'post', lngLat: at(400, 2400), mode: 'walk' as const, maxRangeMeters: 800 },
        homeZone: 0,
      },
      { candidate: { id: 'drone', lngLat: at(400, 2400), mode: 'fly' as const }, homeZone: 0 },
    ];
    const result = recommendMoveUp({ reach, units, vertexDemand: demand, holes: [hole], now: NOW });
    expect(result.moves).toEqual([]);
    expect(result.excluded.map((x) => x.reason)).toEqual(['not_movable', 'not_driving', 'not_driving']);
    expect(result.coveredBefore).toEqual(covered(l.network, units, demand).map((x) => expect.closeTo(x, 6)));
  });
});

describe('recommendMoveUp properties', () => {
  const scenario = randomLattice.chain((l) =>
    fc.record({
      l: fc.constant(l),
      demand: vertexDemandArb(l),
      units: fc.array(
        fc.record({
          lngLat: pointIn(l),
          homeZone: fc.integer({ min: 0, max: 1 }),
          movedMinutesAgo: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
          pinned: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
          shares: fc.boolean(),
        }),
        { minLength: 1, maxLength: 7 },
      ),
      hole: pointIn(l),
      maxMoves: fc.integer({ min: 1, max: 3 }),
      maxTravelSeconds: fc.constantFrom(60, 180, 600),
    }),
  );
  const toUnits = (
    xs: {
      lngLat: LngLat;
      homeZone: number;
      movedMinutesAgo: number | null;
      pinned: boolean;
      shares: boolean;
    }[],
  ) =>
    xs.map((x, i) =>
      unit(`u${i}`, x.lngLat, x.homeZone, {
        lastMovedAt: x.movedMinutesAgo === null ? null : NOW - x.movedMinutesAgo * MIN,
        ...(x.pinned ? { movable: false } : {}),
        ...(x.shares ? { allowedZones: [1 - x.homeZone] } : {}),
      }),
    );

  it('never lowers coverage, keeps every limit, and is deterministic', () => {
    fc.assert(
      fc.property(scenario, ({ l, demand, units: raw, hole, maxMoves, maxTravelSeconds }) => {
        const reach = reachOf(l, 500);
        const units = toUnits(raw);
        const input = { reach, units, vertexDemand: demand, holes: [hole], now: NOW };
        const options = { maxMoves, maxTravelSeconds };
        const result = recommendMoveUp(input, options);
        expect(recommendMoveUp(input, options)).toEqual(result);

        expect(result.moves.length).toBeLessThanOrEqual(maxMoves);
        expect(new Set(result.moves.map((m) => m.unitId)).size).toBe(result.moves.length);
        const byId = new Map(units.map((u) => [u.candidate.id, u]));
        for (const m of result.moves) {
          const u = byId.get(m.unitId)!;
          expect(u.movable).not.toBe(false);
          if (u.lastMovedAt != null) expect(NOW - u.lastMovedAt).toBeGreaterThanOrEqual(30 * MIN);
          expect(inStationArea(u, m.site)).toBe(true);
          expect(m.travelSeconds).toBeGreaterThan(0);
          expect(m.travelSeconds).toBeLessThanOrEqual(maxTravelSeconds);
          // Positive: more 5-minute (here 2-minute) coverage, or as much and more at the smaller target.
          const [g3, g5] = m.gainWithin;
          expect(g5! > 1e-9 || (Math.abs(g5!) <= 1e-9 && g3! > 1e-9)).toBe(true);
        }

        // Measured independently, with every unit where it stands, then where it is sent.
        const before = covered(l.network, units, demand);
        const after = covered(l.network, applied(units, result), demand);
        before.forEach((x, t) => expect(result.coveredBefore[t]).toBeCloseTo(x, 6));
        after.forEach((x, t) => expect(result.coveredAfter[t]).toBeCloseTo(x, 6));
        expect(after[1]!).toBeGreaterThanOrEqual(before[1]! - 1e-6);
        if (after[1]! <= before[1]! + 1e-6) expect(after[0]!).toBeGreaterThanOrEqual(before[0]! - 1e-6);
        if (result.moves.length > 0)
          expect(after[1]! > before[1]! + 1e-9 || after[0]! > before[0]! + 1e-9).toBe(true);
        // The moves' gains add up to the change.
        for (let t = 0; t < 2; t++) {
          const sum = result.moves.reduce((a, m) => a + m.gainWithin[t]!, 0);
          expect(sum).toBeCloseTo(after[t]! - before[t]!, 6);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('makes the best single move first: the same gain as trying every move', () => {
    fc.assert(
      fc.property(scenario, ({ l, demand, units: raw, hole }) => {
        const reach = reachOf(l, 500);
        const units = toUnits(raw);
        const result = recommendMoveUp({ reach, units, vertexDemand: demand, holes: [hole], now: NOW });
        const before = covered(l.network, units, demand);
        // Every eligible unit that can get to the hole by road, to every site it may use.
        let best: number[] | null = null;
        units.forEach((u, i) => {
          if (u.movable === false || (u.lastMovedAt != null && NOW - u.lastMovedAt < 30 * MIN)) return;
          if (!estimateTravelTimes(l.network, hole, [u.candidate])[0]!.reachable) return;
          reach.sites.forEach((site) => {
            const eta = estimateTravelTimes(l.network, site.lngLat, [u.candidate])[0]!;
            if (!eta.reachable || !(eta.etaSeconds > 0) || eta.etaSeconds > 600 || !inStationArea(u, site))
              return;
            const moved = units.map((x, j) =>
              j === i ? { ...x, candidate: { ...x.candidate, lngLat: site.lngLat } } : x,
            );
            const gain = covered(l.network, moved, demand).map((x, t) => x - before[t]!);
            const wins = (a: number[], b: number[] | null) =>
              a[1]! > (b?.[1] ?? 0) + 1e-9 ||
              (Math.abs(a[1]! - (b?.[1] ?? 0)) <= 1e-9 && a[0]! > (b?.[0] ?? 0) + 1e-9);
            if (wins(gain, best)) best = gain;
          });
        });
        if (best === null) expect(result.moves).toEqual([]);
        else {
          const first = result.moves[0]!;
          expect(first.gainWithin[1]).toBeCloseTo(best[1]!, 6);
          expect(first.gainWithin[0]).toBeCloseTo(best[0]!, 6);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('chooses alike through the unrolled two-target scan and the general one', () => {
    // [60, 120, 120] takes the general loop; its third target repeats the second, so the moves and
    // gains must be those of [60, 120] (the unrolled loop), the repeated target's gain included.
    fc.assert(
      fc.property(scenario, ({ l, demand, units: raw, hole, maxMoves }) => {
        const units = toUnits(raw);
        const sites = sampleStandbySites(l.network, halvesByVertex(l), { spacingMeters: 500 });
        const two = siteReach(l.network, sites, { targetsSeconds: [60, 120] });
        const three = siteReach(l.network, sites, { targetsSeconds: [60, 120, 120] });
        const input = { units, vertexDemand: demand, holes: [hole], now: NOW };
        const a = recommendMoveUp({ ...input, reach: two }, { maxMoves });
        const b = recommendMoveUp({ ...input, reach: three }, { maxMoves });
        expect(b.moves.map((m) => [m.unitId, m.siteIndex])).toEqual(
          a.moves.map((m) => [m.unitId, m.siteIndex]),
        );
        b.moves.forEach((m, i) => {
          expect(m.gainWithin[0]).toBeCloseTo(a.moves[i]!.gainWithin[0]!, 9);
          expect(m.gainWithin[1]).toBeCloseTo(a.moves[i]!.gainWithin[1]!, 9);
          expect(m.gainWithin[2]).toBeCloseTo(a.moves[i]!.gainWithin[1]!, 9);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('respects a station-area rule given as a callback', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 2 ** 20 }), ({ l, demand, units: raw, hole }, salt) => {
        const reach = reachOf(l, 500);
        const units = toUnits(raw);
        // An arbitrary but fixed rule: some (unit, site) pairs allowed.
        const allowSite = (u: MoveUpUnit, site: { vertex: number }) =>
          ((Number(u.candidate.id.slice(1)) * 31 + site.vertex * 17 + salt) & 3) !== 0;
        const result = recommendMoveUp(
          { reach, units, vertexDemand: demand, holes: [hole], now: NOW },
          { allowSite },
        );
        const byId = new Map(units.map((u) => [u.candidate.id, u]));
        for (const m of result.moves) expect(allowSite(byId.get(m.unitId)!, m.site)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
