import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageTimes, type TravelCandidate } from '@dispatch/routing';
import { coveredDemand, segmentZoneOf, vertexDemandOf, vertexZoneOf } from './demand.js';
import { at, halvesBySegment, lattice, pointIn, randomLattice } from './test-support.js';
import { zoneCoverage } from './zone-coverage.js';

describe('vertexDemandOf', () => {
  it('splits each segment between its ends, and defaults to its length', () => {
    const { network } = lattice(3, 3);
    const demand = vertexDemandOf(network);
    const total = demand.reduce((a, b) => a + b, 0);
    const length = network.segMeters.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(length, 6);
  });

  it('counts the same covered demand as zoneCoverage, unit added or not', () => {
    fc.assert(
      fc.property(
        randomLattice.chain((l) =>
          fc.record({
            l: fc.constant(l),
            units: fc.array(pointIn(l), { maxLength: 4 }),
            extra: pointIn(l),
            weights: fc.array(fc.integer({ min: 0, max: 20 }), {
              minLength: l.network.segmentCount,
              maxLength: l.network.segmentCount,
            }),
          }),
        ),
        ({ l, units, extra, weights }) => {
          const net = l.network;
          const segmentDemand = Float64Array.from(weights);
          const vertexDemand = vertexDemandOf(net, segmentDemand);
          const zones = halvesBySegment(l);
          const measure = (points: typeof units) => {
            const cands: TravelCandidate[] = points.map((lngLat, i) => ({ id: `u${i}`, lngLat }));
            const seconds = coverageTimes(net, cands, { limitSeconds: 120 })!.seconds;
            const perZone = zoneCoverage(net, seconds, zones, 2, [60, 120], segmentDemand);
            return [60, 120].map((t, i) => {
              const fromZones = perZone.reduce((a, z) => a + z.within[i]!.demand, 0);
              expect(coveredDemand(seconds, vertexDemand, t)).toBeCloseTo(fromZones, 6);
              return fromZones;
            });
          };
          const before = measure(units);
          const after = measure([...units, extra]);
          // Coverage never drops when a unit is added.
          before.forEach((b, i) => expect(after[i]!).toBeGreaterThanOrEqual(b - 1e-9));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('vertexZoneOf', () => {
  it('gives a border vertex the lower zone, and -1 where no segment is zoned', () => {
    const l = lattice(3, 1);
    const zones = halvesBySegment(l);
    const vz = vertexZoneOf(l.network, zones);
    // The middle crossing (x = 400 m) touches a west and an east segment.
    const lngs = [...l.network.vertexLng];
    const middle = lngs.indexOf([...lngs].sort((a, b) => a - b)[2]!);
    expect(vz[middle]).toBe(0);
    expect(
      vertexZoneOf(l.network, new Int32Array(l.network.segmentCount).fill(-1)).every((z) => z === -1),
    ).toBe(true);
  });
});

describe('segmentZoneOf', () => {
  it('zones each segment by its midpoint, as a grid lookup of the midpoint says', () => {
    const l = lattice(3, 2);
    const mid = at(l.blockMeters, 0)[0];
    expect([...segmentZoneOf(l.network, ([lng]) => (lng < mid ? 0 : 1))]).toEqual([...halvesBySegment(l)]);
    const outside = segmentZoneOf(l.network, () => -1);
    expect(outside.length).toBe(l.network.segmentCount);
    expect(outside.every((z) => z === -1)).toBe(true);
  });
});
