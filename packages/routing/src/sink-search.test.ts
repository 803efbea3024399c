import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRoadNetwork } from './graph-build.js';
import { estimateTravelTimes } from './estimate.js';
import {
  bruteGraph,
  edgePoint,
  pointOf,
  pointsSeparable,
  randomNetwork,
  type EdgePoint,
} from './test-support/random-network.js';
import type { TravelCandidate } from './travel-types.js';

// Exact comparisons: no snap preference for the big component, so every point snaps to its own edge.
const params = { components: 'any' as const };

const scenario = randomNetwork
  .chain((net) =>
    fc.record({
      net: fc.constant(net),
      target: edgePoint(net.edges.length),
      units: fc.array(fc.record({ at: edgePoint(net.edges.length), fast: fc.boolean() }), {
        minLength: 1,
        maxLength: 8,
      }),
    }),
  )
  .filter(({ target, units }) => pointsSeparable([target, ...units.map((u) => u.at)]));

function expectedSeconds(
  net: Parameters<typeof bruteGraph>[0],
  target: EdgePoint,
  units: readonly { at: EdgePoint; fast: boolean }[],
) {
  const { graph, pointNode } = bruteGraph(net, [target, ...units.map((u) => u.at)], 'drive');
  return units.map((u, i) => graph.distancesFrom(pointNode[i + 1]!)[pointNode[0]!]! / (u.fast ? 1.25 : 1));
}

function candidatesOf(
  net: Parameters<typeof pointOf>[0],
  units: readonly { at: EdgePoint; fast: boolean }[],
): TravelCandidate[] {
  return units.map((u, i) => ({ id: `u${i}`, lngLat: pointOf(net, u.at), speedFactor: u.fast ? 1.25 : 1 }));
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

describe('road travel times against a brute-force Dijkstra', () => {
  it('match for every unit (one-way flags, positions along edges, same-edge units)', () => {
    fc.assert(
      fc.property(scenario, ({ net, target, units }) => {
        const expected = expectedSeconds(net, target, units);
        const results = estimateTravelTimes(
          buildRoadNetwork(net.geojson),
          pointOf(net, target),
          candidatesOf(net, units),
          { params },
        );
        for (const r of results) {
          const want = expected[Number(r.id.slice(1))]!;
          expect(r.method).toBe('road');
          if (Number.isFinite(want)) {
            expect(r.reachable).toBe(true);
            expect(close(r.etaSeconds, want)).toBe(true);
          } else {
            expect(r).toMatchObject({ reachable: false, reason: 'no_path' });
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with k, the first k reachable results are exactly the k fastest units', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 4 }), ({ net, target, units }, k) => {
        const expected = expectedSeconds(net, target, units);
        const results = estimateTravelTimes(
          buildRoadNetwork(net.geojson),
          pointOf(net, target),
          candidatesOf(net, units),
          { params, k },
        );
        const reachable = results.filter((r) => r.reachable);
        for (const r of reachable) expect(close(r.etaSeconds, expected[Number(r.id.slice(1))]!)).toBe(true);
        const best = expected
          .filter(Number.isFinite)
          .sort((a, b) => a - b)
          .slice(0, k);
        expect(reachable.length).toBeGreaterThanOrEqual(best.length);
        best.forEach((want, i) => expect(close(reachable[i]!.etaSeconds, want)).toBe(true));
        for (const r of results.filter((x) => !x.reachable))
          expect(['not_in_top_k', 'no_path']).toContain(r.reason);
      }),
      { numRuns: 200 },
    );
  });

  it('with maxSeconds, exactly the units within the bound are reachable', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.double({ min: 0, max: 120, noNaN: true }),
        ({ net, target, units }, maxSeconds) => {
          const expected = expectedSeconds(net, target, units);
          fc.pre(expected.every((e) => Math.abs(e - maxSeconds) > 1e-6));
          const results = estimateTravelTimes(
            buildRoadNetwork(net.geojson),
            pointOf(net, target),
            candidatesOf(net, units),
            { params, maxSeconds },
          );
          for (const r of results) {
            const want = expected[Number(r.id.slice(1))]!;
            expect(r.reachable).toBe(want <= maxSeconds);
            if (!r.reachable && Number.isFinite(want)) expect(r.reason).toBe('beyond_max_seconds');
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('walking distances ignore one-way and match an undirected brute force', () => {
    fc.assert(
      fc.property(scenario, ({ net, target, units }) => {
        const { graph, pointNode } = bruteGraph(net, [target, ...units.map((u) => u.at)], 'walk');
        const fromTarget = graph.distancesFrom(pointNode[0]!);
        const walkers = units.map((u, i): TravelCandidate => ({
          id: `u${i}`,
          lngLat: pointOf(net, u.at),
          mode: 'walk',
          speedMps: u.fast ? 2 : 1.4,
          maxRangeMeters: 500,
        }));
        const results = estimateTravelTimes(buildRoadNetwork(net.geojson), pointOf(net, target), walkers, {
          params,
        });
        for (const r of results) {
          const i = Number(r.id.slice(1));
          const meters = fromTarget[pointNode[i + 1]!]!;
          expect(r.reachable).toBe(meters <= 500);
          if (r.reachable) {
            expect(r.method).toBe('walk');
            expect(close(r.distanceMeters, meters)).toBe(true);
            expect(close(r.etaSeconds, meters / (units[i]!.fast ? 2 : 1.4))).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
