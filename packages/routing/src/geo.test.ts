import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closestFraction,
  haversineMeters,
  isValidLngLat,
  localProjection,
  projectX,
  projectY,
} from './geo.js';

describe('haversineMeters', () => {
  it('gives the textbook length of one degree of latitude and of the equator', () => {
    expect(haversineMeters([0, 0], [0, 1])).toBeCloseTo(111_195, -1);
    expect(haversineMeters([0, 0], [1, 0])).toBeCloseTo(111_195, -1);
    // Beijing - Shanghai, ~1068 km great-circle.
    expect(haversineMeters([116.4074, 39.9042], [121.4737, 31.2304]) / 1000).toBeCloseTo(1068, -1);
  });

  it('agrees with the local projection over city distances', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -3000, max: 3000, noNaN: true }),
        fc.double({ min: -3000, max: 3000, noNaN: true }),
        (dx, dy) => {
          const p = localProjection(116.4, 39.9);
          const b = [116.4 + dx / p.mPerDegLng, 39.9 + dy / p.mPerDegLat] as const;
          const planar = Math.hypot(projectX(p, b[0]), projectY(p, b[1]));
          expect(Math.abs(haversineMeters([116.4, 39.9], b) - planar)).toBeLessThan(0.002 * planar + 1e-6);
        },
      ),
    );
  });
});

describe('closestFraction', () => {
  it('clamps to the segment and projects perpendicularly inside it', () => {
    expect(closestFraction(5, 3, 0, 0, 10, 0)).toBeCloseTo(0.5);
    expect(closestFraction(-4, 1, 0, 0, 10, 0)).toBe(0);
    expect(closestFraction(14, 1, 0, 0, 10, 0)).toBe(1);
    expect(closestFraction(1, 1, 2, 2, 2, 2)).toBe(0);
  });
});

describe('isValidLngLat', () => {
  it('rejects non-finite and out-of-range positions', () => {
    expect(isValidLngLat([116.4, 39.9])).toBe(true);
    expect(isValidLngLat([NaN, 39.9])).toBe(false);
    expect(isValidLngLat([181, 0])).toBe(false);
    expect(isValidLngLat([0, 91])).toBe(false);
    expect(isValidLngLat(['1', 2])).toBe(false);
    expect(isValidLngLat([1])).toBe(false);
  });
});
