import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  distanceToSegment,
  lerp,
  pointInRing,
  polylineLength,
  ringCentroid,
  segmentIntersection,
  signedRingArea,
  type XY,
} from './geometry.js';

const square: XY[] = [
  [0, 0],
  [2, 0],
  [2, 2],
  [0, 2],
  [0, 0],
];
const coord = fc.double({ min: -100, max: 100, noNaN: true });
const point = fc.tuple(coord, coord);

describe('geometry', () => {
  it('measures rings: counter-clockwise is positive', () => {
    expect(signedRingArea(square)).toBe(4);
    expect(signedRingArea([...square].reverse())).toBe(-4);
    expect(ringCentroid(square)).toEqual([1, 1]);
    expect(polylineLength(square)).toBe(8);
  });

  it('tests points in rings', () => {
    expect(pointInRing([1, 1], square)).toBe(true);
    expect(pointInRing([3, 1], square)).toBe(false);
    expect(pointInRing([1, -0.1], square)).toBe(false);
  });

  it('puts a point on a shared edge into exactly one of two adjacent squares', () => {
    const right: XY[] = square.map(([x, y]) => [x + 2, y]);
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1.999, noNaN: true }), (y) => {
        const p: XY = [2, y];
        expect(Number(pointInRing(p, square)) + Number(pointInRing(p, right))).toBe(1);
      }),
    );
  });

  it('finds segment intersections that lie on both segments', () => {
    fc.assert(
      fc.property(point, point, point, point, (a, b, c, d) => {
        const hit = segmentIntersection(a, b, c, d);
        if (!hit) return;
        const p = lerp(a, b, hit.t);
        const q = lerp(c, d, hit.u);
        expect(Math.hypot(p[0] - q[0], p[1] - q[1])).toBeLessThan(1e-6);
        expect(distanceToSegment(p, c, d)).toBeLessThan(1e-6);
      }),
    );
  });

  it('reports crossing segments', () => {
    expect(segmentIntersection([0, 0], [2, 2], [0, 2], [2, 0])).toEqual({ t: 0.5, u: 0.5 });
    expect(segmentIntersection([0, 0], [1, 0], [0, 1], [1, 1])).toBeNull();
  });
});
