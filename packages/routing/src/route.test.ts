import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LngLat } from '@dispatch/domain';
import { estimateTravelTimes } from './estimate.js';
import { buildRoadNetwork } from './graph-build.js';
import { haversineMeters } from './geo.js';
import { routeTo } from './route.js';
import { at, collection, road } from './test-support/lines.js';
import { edgePoint, pointOf, pointsSeparable, randomNetwork } from './test-support/random-network.js';

const lengthOf = (path: readonly LngLat[]) =>
  path.slice(1).reduce((sum, p, i) => sum + haversineMeters(path[i]!, p), 0);
const params = { components: 'any' as const };

describe('routeTo', () => {
  it('follows one-way streets round the block, from the unit to the incident', () => {
    const net = buildRoadNetwork(
      collection([
        road(
          [
            [0, 0],
            [1000, 0],
          ],
          { oneway: 'yes' },
        ),
        road([
          [1000, 0],
          [1000, 500],
          [0, 500],
          [0, 0],
        ]),
      ]),
    );
    const unit = at(900, 0);
    const incident = at(800, 0);
    const route = routeTo(net, { id: 'u', lngLat: unit }, incident);
    expect(route).toMatchObject({ reachable: true, method: 'road' });
    expect(route.coordinates[0]).toEqual(unit);
    expect(route.coordinates.at(-1)).toEqual(incident);
    const corners = [at(1000, 0), at(1000, 500), at(0, 500), at(0, 0)];
    const inner = route.coordinates.slice(1, -1);
    corners.forEach((c, i) => {
      expect(inner[i]![0]).toBeCloseTo(c[0], 9);
      expect(inner[i]![1]).toBeCloseTo(c[1], 9);
    });
    expect(route.etaSeconds).toBeCloseTo(290, 1);
    expect(lengthOf(route.coordinates)).toBeCloseTo(route.distanceMeters, 0);
  });

  it('agrees with estimateTravelTimes and its path is as long as its distance (random networks)', () => {
    const scenario = randomNetwork
      .chain((rn) =>
        fc.record({ rn: fc.constant(rn), from: edgePoint(rn.edges.length), to: edgePoint(rn.edges.length) }),
      )
      .filter(({ from, to }) => pointsSeparable([from, to]));
    fc.assert(
      fc.property(scenario, ({ rn, from, to }) => {
        const net = buildRoadNetwork(rn.geojson);
        const unit = { id: 'u', lngLat: pointOf(rn, from) };
        const target = pointOf(rn, to);
        const route = routeTo(net, unit, target, params);
        const [est] = estimateTravelTimes(net, target, [unit], { params });
        expect(route.reachable).toBe(est!.reachable);
        if (!route.reachable) {
          expect(route.coordinates).toEqual([]);
          return;
        }
        expect(route.etaSeconds).toBeCloseTo(est!.etaSeconds, 6);
        expect(Math.abs(lengthOf(route.coordinates) - route.distanceMeters)).toBeLessThan(0.01);
      }),
      { numRuns: 200 },
    );
  });

  it('walks for posts, flies straight for drones, and goes straight without a network', () => {
    const net = buildRoadNetwork(
      collection([
        road(
          [
            [0, 0],
            [1000, 0],
            [1000, 1000],
          ],
          { oneway: 'yes' },
        ),
      ]),
    );
    const walk = routeTo(net, { id: 'p', lngLat: at(1000, 900), mode: 'walk' }, at(900, 0));
    expect(walk).toMatchObject({ method: 'walk', reachable: true });
    expect(walk.distanceMeters).toBeCloseTo(1000, -1);
    const fly = routeTo(net, { id: 'd', lngLat: at(0, 0), mode: 'fly' }, at(1000, 1000));
    expect(fly).toMatchObject({ method: 'flight', coordinates: [at(0, 0), at(1000, 1000)] });
    const none = routeTo(null, { id: 'c', lngLat: at(0, 0) }, at(100, 0));
    expect(none).toMatchObject({ method: 'straight_line', coordinates: [at(0, 0), at(100, 0)] });
    const blocked = routeTo(net, { id: 'c', lngLat: at(1000, 900) }, at(500, 0));
    expect(blocked).toMatchObject({ reachable: false, reason: 'no_path', coordinates: [] });
  });
});
