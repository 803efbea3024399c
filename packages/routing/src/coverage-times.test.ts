import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageTimes } from './coverage-times.js';
import { buildRoadNetwork } from './graph-build.js';
import { at, collection, road } from './test-support/lines.js';
import { edgePoint, pointOf, randomNetwork } from './test-support/random-network.js';
import { travelTimesFrom } from './travel-times.js';
import type { TravelCandidate } from './travel-types.js';
import { vertexTimes } from './vertex-times.js';

// A 2 km straight street at 36 km/h (10 m/s): 200 s end to end.
const street = buildRoadNetwork(
  collection([
    road([
      [0, 0],
      [500, 0],
      [1000, 0],
      [1500, 0],
      [2000, 0],
    ]),
  ]),
);

describe('coverageTimes', () => {
  it('times every vertex from the nearest unit, by road, on foot within range and by air', () => {
    const car = coverageTimes(street, [{ id: 'car', lngLat: at(0, 0) }], { limitSeconds: 300 })!;
    const v = (x: number) => {
      for (let i = 0; i < street.vertexCount; i++) {
        if (Math.abs(street.vertexLng[i]! - at(x, 0)[0]) < 1e-9) return i;
      }
      throw new Error(`no vertex at ${x}`);
    };
    expect(car.seconds[v(1000)]).toBeCloseTo(100, 0);
    expect(car.seconds[v(2000)]).toBeCloseTo(200, 0);
    const short = coverageTimes(street, [{ id: 'car', lngLat: at(0, 0) }], { limitSeconds: 150 })!;
    expect(short.seconds[v(2000)]).toBe(Infinity);

    // A post walks 1.4 m/s, but only within its 800 m range.
    const post = coverageTimes(street, [{ id: 'p', lngLat: at(0, 0), mode: 'walk', maxRangeMeters: 800 }], {
      limitSeconds: 900,
    })!;
    expect(post.seconds[v(500)]).toBeCloseTo(500 / 1.4, 0);
    expect(post.seconds[v(1000)]).toBe(Infinity);

    const drone = coverageTimes(street, [{ id: 'd', lngLat: at(2000, 0), mode: 'fly' }], {
      limitSeconds: 300,
    })!;
    expect(drone.seconds[v(500)]).toBeCloseTo(20 + 1500 / 15, 0);
  });

  it('runs one search per travel group, not per unit', () => {
    const units: TravelCandidate[] = Array.from({ length: 50 }, (_, i) => ({
      id: `c${i}`,
      lngLat: at(i * 40, 0),
    }));
    units.push({ id: 'm', lngLat: at(10, 0), speedFactor: 1.1 }, { id: 'p', lngLat: at(5, 0), mode: 'walk' });
    expect(coverageTimes(street, units, { limitSeconds: 300 })!.searches).toBe(3);
  });

  it('is the multi-source search for one group, and never gets slower when a unit is added', () => {
    fc.assert(
      fc.property(
        randomNetwork.chain((net) =>
          fc.record({
            net: fc.constant(net),
            units: fc.array(edgePoint(net.edges.length), { minLength: 1, maxLength: 4 }),
            extra: edgePoint(net.edges.length),
          }),
        ),
        ({ net, units, extra }) => {
          const network = buildRoadNetwork(net.geojson);
          if (network.nodeCount === 0) return;
          const cands = units.map((u, i): TravelCandidate => ({ id: `u${i}`, lngLat: pointOf(net, u) }));
          const times = coverageTimes(network, cands, { limitSeconds: 3600 });
          if (!times) return;
          const more = coverageTimes(network, [...cands, { id: 'x', lngLat: pointOf(net, extra) }], {
            limitSeconds: 3600,
          })!;
          for (let v = 0; v < network.vertexCount; v++) {
            expect(more.seconds[v]!).toBeLessThanOrEqual(times.seconds[v]! + 1e-9);
          }
          // One group: exactly the multi-source search's vertex times (tested against brute force).
          const direct = vertexTimes(
            travelTimesFrom(
              network,
              cands.map((c) => c.lngLat),
              { maxSeconds: 3600 },
            )!,
          );
          for (let v = 0; v < network.vertexCount; v++) expect(times.seconds[v]).toBe(direct.seconds[v]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
