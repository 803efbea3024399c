import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gridDisk, latLngToCell } from 'h3-js';
import { zonedMidnight } from '@dispatch/domain';
import { buildDemandSurface, NO_SMOOTHING } from './demand-surface.js';
import {
  segmentCells,
  segmentDemandFromSurface,
  spreadDemandOverSegments,
  type SegmentPoints,
} from './segment-demand.js';

const HOME = latLngToCell(30.27, 120.15, 9);

function points(list: [number, number, number][]): SegmentPoints {
  return {
    lng: Float64Array.from(list, (p) => p[0]),
    lat: Float64Array.from(list, (p) => p[1]),
    meters: Float64Array.from(list, (p) => p[2]),
  };
}

describe('spreadDemandOverSegments', () => {
  it('splits a cell’s demand over its segments by length, plus a floor by length', () => {
    // Two segments in the home cell (100 m and 300 m), one 400 m far away.
    const segs = segmentCells(
      points([
        [120.15, 30.27, 100],
        [120.1501, 30.2701, 300],
        [120.3, 30.4, 400],
      ]),
      9,
    );
    const w = spreadDemandOverSegments(segs, [HOME], [8], 0.1);
    expect(w[0]).toBeCloseTo(0.9 * 8 * 0.25 + 0.8 * (100 / 800), 12);
    expect(w[1]).toBeCloseTo(0.9 * 8 * 0.75 + 0.8 * (300 / 800), 12);
    expect(w[2]).toBeCloseTo(0.8 * (400 / 800), 12);
  });

  it('a cell without roads hands its demand to the nearest cell with roads', () => {
    const segs = segmentCells(
      points([
        [120.15, 30.27, 100],
        [120.3, 30.4, 100],
      ]),
      9,
    );
    const beside = gridDisk(HOME, 2).find((c) => c !== HOME && !segs.cellIndex.has(c))!;
    const w = spreadDemandOverSegments(segs, [beside], [5], 0);
    expect([...w]).toEqual([5, 0]);
  });

  it('conserves the total demand, and every road gets some when there is any', () => {
    const arbPoint = fc.tuple(
      fc.double({ min: 120.14, max: 120.16, noNaN: true }),
      fc.double({ min: 30.26, max: 30.28, noNaN: true }),
      fc.double({ min: 1, max: 500, noNaN: true }),
    );
    const near = gridDisk(HOME, 14);
    fc.assert(
      fc.property(
        fc.array(arbPoint, { minLength: 1, maxLength: 60 }),
        fc.uniqueArray(fc.constantFrom(...near), { maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        (list, cells, floorShare, seed) => {
          const segs = segmentCells(points(list), 9);
          const demand = cells.map((_, i) => ((seed ^ (i * 2654435761)) >>> 0) % 100);
          const w = spreadDemandOverSegments(segs, cells, demand, floorShare);
          const total = demand.reduce((a, b) => a + b, 0);
          const sum = w.reduce((a, b) => a + b, 0);
          if (total > 0) {
            expect(sum).toBeCloseTo(total, 6);
            if (floorShare > 1e-9) expect(w.every((x) => x > 0)).toBe(true);
          } else {
            expect([...w]).toEqual([...segs.meters]);
          }
          expect(w.every((x) => x >= 0)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('without demand every metre weighs the same; without roads there is nothing to weigh', () => {
    const segs = segmentCells(
      points([
        [120.15, 30.27, 100],
        [120.3, 30.4, 50],
      ]),
      9,
    );
    expect([...spreadDemandOverSegments(segs, [HOME], [0])]).toEqual([100, 50]);
    expect(spreadDemandOverSegments(segmentCells(points([]), 9), [HOME], [3])).toHaveLength(0);
    expect(() => spreadDemandOverSegments(segs, [HOME], [1], 2)).toThrow(RangeError);
  });
});

describe('segmentDemandFromSurface', () => {
  const monday = zonedMidnight('2026-11-02', 'Asia/Shanghai');
  const hour = 3_600_000;
  // Two weeks: 3 P3 thefts on Monday 09:00-10:00 in the home cell, one P1 at 21:00.
  const records = [0, 1, 2].map((i) => ({
    lngLat: [120.15, 30.27] as [number, number],
    receivedAt: monday + 9 * hour + i * 60_000,
    priority: 3 as const,
    type: 'theft' as const,
  }));
  records.push({
    ...records[0]!,
    receivedAt: monday + 21 * hour,
    priority: 1 as never,
    type: 'robbery' as never,
  });
  const surface = buildDemandSurface(records, {
    now: monday + 14 * 24 * hour,
    timeZone: 'Asia/Shanghai',
    windowDays: 14,
    smoothing: NO_SMOOTHING,
  });
  const segs = segmentCells(
    points([
      [120.15, 30.27, 100],
      [120.3, 30.4, 300],
    ]),
    9,
  );

  it('puts an hour of week’s expected demand on the roads of its cells, plus the floor', () => {
    // 3 thefts (weight 1) in two weeks: 1.5 a week at Monday 09:00.
    const w = segmentDemandFromSurface(segs, surface, 9, 0.1);
    expect(w[0]).toBeCloseTo(0.9 * 1.5 + 0.15 * 0.25, 12);
    expect(w[1]).toBeCloseTo(0.15 * 0.75, 12);
    // The P1 at 21:00 weighs 4, half a week each.
    expect(segmentDemandFromSurface(segs, surface, 21, 0)[0]).toBeCloseTo(2, 12);
    // A quiet hour: every metre the same.
    expect([...segmentDemandFromSurface(segs, surface, 3)]).toEqual([100, 300]);
  });

  it('refuses segments at another resolution', () => {
    expect(() => segmentDemandFromSurface(segmentCells(points([[120.15, 30.27, 1]]), 8), surface, 9)).toThrow(
      RangeError,
    );
  });
});
