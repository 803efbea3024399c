import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageTimes } from './coverage-times.js';
import { haversineMeters } from './geo.js';
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

  it('gives drones every vertex within their reach, to the bit of a straight-line sweep over all vertices', () => {
    fc.assert(
      fc.property(
        randomNetwork,
        fc.array(
          fc.tuple(
            fc.double({ min: -500, max: 3000, noNaN: true }),
            fc.double({ min: -500, max: 3000, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (net, drones, pick) => {
          const network = buildRoadNetwork(net.geojson);
          if (network.nodeCount === 0) return;
          // A limit whose reach ends exactly at one vertex: the edge case a looser or tighter sweep misses.
          const v0 = Math.min(network.vertexCount - 1, Math.floor(pick * network.vertexCount));
          const edge = haversineMeters(at(...drones[0]!), [network.vertexLng[v0]!, network.vertexLat[v0]!]);
          const limitSeconds = 20 + edge / 15;
          const cands = drones.map(([x, y], i): TravelCandidate => ({
            id: `d${i}`,
            lngLat: at(x, y),
            mode: 'fly',
          }));
          const times = coverageTimes(network, cands, { limitSeconds })!;
          // The sweep as it was: every vertex, haversine, 15 m/s after a 20 s take-off.
          const reach = Math.min(8000, (limitSeconds - 20) * 15);
          for (let v = 0; v < network.vertexCount; v++) {
            let best = Infinity;
            for (const c of cands) {
              const m = haversineMeters(c.lngLat, [network.vertexLng[v]!, network.vertexLat[v]!]);
              if (reach > 0 && m <= reach) best = Math.min(best, 20 + m / 15);
            }
            expect(times.seconds[v]).toBe(best);
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('takes each vertex from the fastest group: drivers, walkers and drones together', () => {
    fc.assert(
      fc.property(
        randomNetwork.chain((net) =>
          fc.record({
            net: fc.constant(net),
            cars: fc.array(edgePoint(net.edges.length), { minLength: 1, maxLength: 3 }),
            drones: fc.array(edgePoint(net.edges.length), { minLength: 1, maxLength: 3 }),
            limitSeconds: fc.integer({ min: 21, max: 600 }),
          }),
        ),
        ({ net, cars, drones, limitSeconds }) => {
          const network = buildRoadNetwork(net.geojson);
          if (network.nodeCount === 0) return;
          const drivers = cars.map((p, i): TravelCandidate => ({ id: `c${i}`, lngLat: pointOf(net, p) }));
          const flyers = drones.map((p, i): TravelCandidate => ({
            id: `d${i}`,
            lngLat: pointOf(net, p),
            mode: 'fly',
          }));
          const all = coverageTimes(network, [...flyers, ...drivers], { limitSeconds })!;
          const byRoad = coverageTimes(network, drivers, { limitSeconds })!;
          const byAir = coverageTimes(network, flyers, { limitSeconds })!;
          for (let v = 0; v < network.vertexCount; v++)
            expect(all.seconds[v]).toBe(Math.min(byRoad.seconds[v]!, byAir.seconds[v]!));
        },
      ),
      { numRuns: 60 },
    );
  });
});
