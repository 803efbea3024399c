import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRoadNetwork } from './graph-build.js';
import type { RoadNetwork } from './network.js';
import {
  bruteGraph,
  edgePoint,
  pointOf,
  randomNetwork,
  type RandomNetwork,
} from './test-support/random-network.js';
import { travelTimesFrom } from './travel-times.js';
import { vertexTimes } from './vertex-times.js';

const params = { components: 'any' as const };
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

/** Network vertex of each lattice node (-1 when no road touches it). */
function latticeNodes(rn: RandomNetwork, net: RoadNetwork): number[] {
  return rn.nodes.map(([lng, lat]) => {
    for (let v = 0; v < net.vertexCount; v++)
      if (net.vertexLng[v] === lng && net.vertexLat[v] === lat) return v;
    return -1;
  });
}

const scenario = randomNetwork.chain((net) =>
  fc.record({ net: fc.constant(net), origin: edgePoint(net.edges.length) }),
);

describe('travelTimesFrom', () => {
  it('gives every vertex the brute-force seconds from the origin (outbound) and to it (inbound)', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.constantFrom('outbound' as const, 'inbound' as const),
        ({ net: rn, origin }, direction) => {
          const net = buildRoadNetwork(rn.geojson);
          const times = vertexTimes(travelTimesFrom(net, [pointOf(rn, origin)], { params, direction })!);
          const { graph, pointNode } = bruteGraph(rn, [origin], 'drive');
          const ids = latticeNodes(rn, net);
          const from = graph.distancesFrom(pointNode[0]!);
          ids.forEach((v, i) => {
            if (v < 0) return;
            const want = direction === 'outbound' ? from[i]! : graph.distancesFrom(i)[pointNode[0]!]!;
            if (Number.isFinite(want)) expect(close(times.seconds[v]!, want)).toBe(true);
            else expect(times.seconds[v]).toBe(Infinity);
            expect(times.origin[v]).toBe(Number.isFinite(want) ? 0 : -1);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('takes the fastest of several origins and stops at maxSeconds', () => {
    fc.assert(
      fc.property(
        randomNetwork.chain((rn) =>
          fc.record({ rn: fc.constant(rn), a: edgePoint(rn.edges.length), b: edgePoint(rn.edges.length) }),
        ),
        fc.double({ min: 1, max: 60, noNaN: true }),
        ({ rn, a, b }, maxSeconds) => {
          const net = buildRoadNetwork(rn.geojson);
          const times = vertexTimes(
            travelTimesFrom(net, [pointOf(rn, a), pointOf(rn, b)], { params, maxSeconds })!,
          );
          const { graph, pointNode } = bruteGraph(rn, [a, b], 'drive');
          const fromA = graph.distancesFrom(pointNode[0]!);
          const fromB = graph.distancesFrom(pointNode[1]!);
          latticeNodes(rn, net).forEach((v, i) => {
            if (v < 0) return;
            const want = Math.min(fromA[i]!, fromB[i]!);
            fc.pre(Math.abs(want - maxSeconds) > 1e-6);
            if (want <= maxSeconds) expect(close(times.seconds[v]!, want)).toBe(true);
            else expect(times.seconds[v]).toBe(Infinity);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('returns null without a network', () => {
    expect(travelTimesFrom(null, [[116.4, 39.9]])).toBeNull();
    expect(
      travelTimesFrom(buildRoadNetwork({ type: 'FeatureCollection', features: [] }), [[116.4, 39.9]]),
    ).toBeNull();
  });
});
