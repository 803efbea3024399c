import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareCandidates, snapBacklog, updatePreparedCandidates } from './candidates.js';
import { estimatePrepared } from './estimate.js';
import { buildRoadNetwork } from './graph-build.js';
import {
  edgePoint,
  pointOf,
  randomNetwork,
  type EdgePoint,
  type RandomNetwork,
} from './test-support/random-network.js';
import type { TravelCandidate, TravelMode } from './travel-types.js';

const mode = fc.constantFrom<TravelMode | undefined>(undefined, 'drive', 'walk', 'fly');

/** Unit i of a scenario, standing at `at` on the random network. */
const candidateOn =
  (rn: RandomNetwork) =>
  (u: { at: EdgePoint; mode: TravelMode | undefined }, i: number): TravelCandidate => ({
    id: `u${i}`,
    lngLat: pointOf(rn, u.at),
    ...(u.mode ? { mode: u.mode } : {}),
  });

describe('updatePreparedCandidates', () => {
  it('gives the same estimates as a fresh preparation after units move, appear and leave', () => {
    const scenario = randomNetwork.chain((rn) => {
      const unit = fc.record({ at: edgePoint(rn.edges.length), mode });
      return fc.record({
        rn: fc.constant(rn),
        before: fc.array(unit, { maxLength: 8 }),
        after: fc.array(fc.option(unit, { nil: undefined }), { maxLength: 8 }),
        target: edgePoint(rn.edges.length),
      });
    });
    fc.assert(
      fc.property(scenario, ({ rn, before, after, target }) => {
        const net = buildRoadNetwork(rn.geojson);
        const candidate = candidateOn(rn);
        const first = before.map(candidate);
        // undefined: the unit keeps its previous position (or is absent if it had none).
        const second = after.flatMap((u, i) => (u ? [candidate(u, i)] : first[i] ? [first[i]!] : []));
        const incremental = updatePreparedCandidates(prepareCandidates(net, first), second);
        const fresh = prepareCandidates(net, second);
        const point = pointOf(rn, target);
        expect(estimatePrepared(incremental, point, { maxSeconds: 600 })).toEqual(
          estimatePrepared(fresh, point, { maxSeconds: 600 }),
        );
      }),
    );
  });

  it('works off the snap backlog in slices; the update after gives the same estimates', () => {
    const scenario = randomNetwork.chain((rn) => {
      const unit = fc.record({ at: edgePoint(rn.edges.length), mode });
      return fc.record({
        rn: fc.constant(rn),
        before: fc.array(unit, { maxLength: 8 }),
        after: fc.array(unit, { maxLength: 8 }),
        budget: fc.integer({ min: 1, max: 3 }),
        target: edgePoint(rn.edges.length),
      });
    });
    fc.assert(
      fc.property(scenario, ({ rn, before, after, budget, target }) => {
        const net = buildRoadNetwork(rn.geojson);
        const candidate = candidateOn(rn);
        const previous = prepareCandidates(net, before.map(candidate));
        const second = after.map(candidate);
        const onGraph = new Set(
          second.filter((c) => c.mode !== 'fly').map((c) => `${c.mode ?? 'drive'}:${c.lngLat.join()}`),
        );
        // Each slice snaps at most `budget`; the count left falls to zero and then stays there.
        const backlog = snapBacklog(previous, second);
        let left = backlog.snap(0);
        expect(left).toBeLessThanOrEqual(onGraph.size);
        while (left > 0) {
          const next = backlog.snap(budget);
          expect(next).toBe(Math.max(0, left - budget));
          left = next;
        }
        expect(backlog.snap(budget)).toBe(0);
        expect(snapBacklog(previous, second).snap(0)).toBe(0);
        const point = pointOf(rn, target);
        expect(
          estimatePrepared(updatePreparedCandidates(previous, second), point, { maxSeconds: 600 }),
        ).toEqual(estimatePrepared(prepareCandidates(net, second), point, { maxSeconds: 600 }));
      }),
    );
  });

  it('snaps afresh when the road network was reloaded', () => {
    const road = (lat: number) =>
      buildRoadNetwork({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { highway: 'primary' },
            geometry: {
              type: 'LineString',
              coordinates: [
                [116.4, lat],
                [116.41, lat],
              ],
            },
          },
        ],
      });
    const units: TravelCandidate[] = [{ id: 'a', lngLat: [116.401, 39.9] }];
    const target: [number, number] = [116.409, 39.9];
    const old = prepareCandidates(road(39.9), units);
    const moved = road(39.901);
    expect(estimatePrepared(updatePreparedCandidates(old, units, moved), target)).toEqual(
      estimatePrepared(prepareCandidates(moved, units), target),
    );
  });
});
