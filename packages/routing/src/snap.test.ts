import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRoadNetwork } from './graph-build.js';
import { closestFraction, projectX, projectY } from './geo.js';
import { snapPoint } from './snap.js';
import { at, collection, road } from './test-support/lines.js';

const segmentsArb = fc.array(
  fc.tuple(
    fc.integer({ min: 0, max: 2000 }),
    fc.integer({ min: 0, max: 2000 }),
    fc.integer({ min: -300, max: 300 }),
    fc.integer({ min: -300, max: 300 }),
  ),
  { minLength: 1, maxLength: 60 },
);

describe('snapPoint', () => {
  it('finds the exact nearest segment (same distance as a scan of all segments)', () => {
    fc.assert(
      fc.property(
        segmentsArb,
        fc.integer({ min: -200, max: 2200 }),
        fc.integer({ min: -200, max: 2200 }),
        (segs, px, py) => {
          const lines = segs
            .filter(([, , dx, dy]) => dx !== 0 || dy !== 0)
            .map(([x, y, dx, dy]) =>
              road([
                [x, y],
                [x + dx, y + dy],
              ]),
            );
          fc.pre(lines.length > 0);
          const net = buildRoadNetwork(collection(lines));
          const p = at(px, py);
          const snap = snapPoint(net, p, { components: 'any' })!;
          const x = projectX(net.projection, p[0]);
          const y = projectY(net.projection, p[1]);
          let best = Infinity;
          for (let s = 0; s < net.segmentCount; s++) {
            const a = net.segFrom[s]!;
            const b = net.segTo[s]!;
            const t = closestFraction(
              x,
              y,
              net.vertexX[a]!,
              net.vertexY[a]!,
              net.vertexX[b]!,
              net.vertexY[b]!,
            );
            const d = Math.hypot(
              net.vertexX[a]! + (net.vertexX[b]! - net.vertexX[a]!) * t - x,
              net.vertexY[a]! + (net.vertexY[b]! - net.vertexY[a]!) * t - y,
            );
            best = Math.min(best, d);
          }
          expect(Math.abs(snap.offsetMeters - best)).toBeLessThan(0.01 + best * 0.002);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns the fraction along the segment, the snapped point and the offset', () => {
    const net = buildRoadNetwork(
      collection([
        road([
          [0, 0],
          [400, 0],
        ]),
      ]),
    );
    const snap = snapPoint(net, at(100, 30))!;
    expect(snap.fraction).toBeCloseTo(0.25, 4);
    expect(snap.offsetMeters).toBeCloseTo(30, 1);
    expect(snap.point[0]).toBeCloseTo(at(100, 0)[0], 9);
    expect(snap.point[1]).toBeCloseTo(at(100, 0)[1], 9);
    expect(snapPoint(net, at(-50, 0))!.fraction).toBe(0);
  });

  it('prefers the largest component, unless asked for any road; honours the distance limit', () => {
    const net = buildRoadNetwork(
      collection([
        road([
          [0, 0],
          [500, 0],
          [1000, 0],
          [1000, 500],
          [1000, 1000],
          [500, 1000],
          [0, 1000],
          [0, 500],
          [0, 0],
        ]),
        road([
          [500, 0],
          [500, 500],
          [500, 1000],
        ]),
        road([
          [0, 500],
          [500, 500],
          [1000, 500],
        ]),
        road([
          [200, 50],
          [400, 50],
        ]), // a small piece 50 m north of the big block
      ]),
    );
    const p = at(300, 40);
    expect(snapPoint(net, p)).toMatchObject({ inLargestComponent: true });
    expect(snapPoint(net, p)!.offsetMeters).toBeCloseTo(40, 0);
    expect(snapPoint(net, p, { components: 'any' })).toMatchObject({ inLargestComponent: false });
    expect(snapPoint(net, p, { components: 'any' })!.offsetMeters).toBeCloseTo(10, 0);
    expect(snapPoint(net, p, { components: 'largest_only', maxDistanceMeters: 20 })).toBeNull();
    // prefer_largest falls back to the small piece when the big one is out of range
    expect(snapPoint(net, p, { maxDistanceMeters: 20 })).toMatchObject({ inLargestComponent: false });
  });

  it('snaps drivers to drivable roads and walkers to walkable ones', () => {
    const net = buildRoadNetwork(
      collection([
        road(
          [
            [0, 0],
            [500, 0],
          ],
          { highway: 'motorway', oneway: 'no' },
        ),
        road(
          [
            [0, 20],
            [500, 20],
          ],
          { highway: 'footway' },
        ),
      ]),
    );
    expect(
      net.features[net.segFeature[snapPoint(net, at(100, 19), { profile: 'drive' })!.segment]!]!.highway,
    ).toBe('motorway');
    expect(snapPoint(net, at(100, 19), { profile: 'drive' })!.offsetMeters).toBeCloseTo(19, 0);
    expect(snapPoint(net, at(100, 1), { profile: 'walk' })!.offsetMeters).toBeCloseTo(19, 0);
  });

  it('returns null for an invalid point or an empty network', () => {
    const net = buildRoadNetwork(
      collection([
        road([
          [0, 0],
          [100, 0],
        ]),
      ]),
    );
    expect(snapPoint(net, [NaN, 1])).toBeNull();
    expect(snapPoint(buildRoadNetwork(collection([])), at(0, 0))).toBeNull();
  });
});
