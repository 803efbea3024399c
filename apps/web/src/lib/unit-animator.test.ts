import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnitAnimator } from './unit-animator.js';

describe('UnitAnimator', () => {
  it('draws a new unit at its position without gliding', () => {
    const animator = new UnitAnimator(1000);
    animator.update({ u1: { lngLat: [116.4, 39.9] } }, 0);
    expect(animator.sample('u1', 0)).toEqual([116.4, 39.9]);
    expect(animator.isAnimating(0)).toBe(false);
  });

  it('glides linearly to a new fix over the duration', () => {
    const animator = new UnitAnimator(1000);
    animator.update({ u1: { lngLat: [116.4, 39.9] } }, 0);
    animator.update({ u1: { lngLat: [116.41, 39.91] } }, 5000);
    const mid = animator.sample('u1', 5500);
    expect(mid?.[0]).toBeCloseTo(116.405, 9);
    expect(mid?.[1]).toBeCloseTo(39.905, 9);
    expect(animator.isAnimating(5500)).toBe(true);
    expect(animator.sample('u1', 6000)).toEqual([116.41, 39.91]);
    expect(animator.isAnimating(6000)).toBe(false);
  });

  it('jumps instead of gliding across kilometres', () => {
    const animator = new UnitAnimator(1000);
    animator.update({ u1: { lngLat: [116.4, 39.9] } }, 0);
    animator.update({ u1: { lngLat: [116.5, 39.9] } }, 100);
    expect(animator.sample('u1', 200)).toEqual([116.5, 39.9]);
  });

  it('jumps straight to each fix when gliding is off', () => {
    const animator = new UnitAnimator(0);
    animator.update({ u1: { lngLat: [116.4, 39.9] } }, 0);
    animator.update({ u1: { lngLat: [116.401, 39.9] } }, 10);
    expect(animator.sample('u1', 10)).toEqual([116.401, 39.9]);
    expect(animator.isAnimating(10)).toBe(false);
  });

  it('forgets units that left the positions', () => {
    const animator = new UnitAnimator();
    animator.update({ u1: { lngLat: [1, 1] }, u2: { lngLat: [2, 2] } }, 0);
    animator.update({ u2: { lngLat: [2, 2] } }, 10);
    expect(animator.sample('u1', 10)).toBeUndefined();
  });

  it('always draws a unit between where it was drawn and its latest fix', () => {
    const coord = fc.double({ min: -0.005, max: 0.005, noNaN: true });
    fc.assert(
      fc.property(coord, coord, coord, coord, fc.integer({ min: 0, max: 2000 }), (ax, ay, bx, by, dt) => {
        const animator = new UnitAnimator(1000);
        const a: [number, number] = [116.4 + ax, 39.9 + ay];
        const b: [number, number] = [116.4 + bx, 39.9 + by];
        animator.update({ u: { lngLat: a } }, 0);
        animator.update({ u: { lngLat: b } }, 1000);
        const p = animator.sample('u', 1000 + dt) as readonly [number, number];
        for (const axis of [0, 1] as const) {
          expect(p[axis]).toBeGreaterThanOrEqual(Math.min(a[axis], b[axis]) - 1e-12);
          expect(p[axis]).toBeLessThanOrEqual(Math.max(a[axis], b[axis]) + 1e-12);
        }
        if (dt >= 1000) expect(p).toEqual(b);
      }),
    );
  });
});
