import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFrame } from './frame.js';
import { pointInRing, signedRingArea, type XY } from './geometry.js';
import { tileCity } from './grid-tiling.js';
import { createRng } from './prng.js';

describe('tileCity', () => {
  const frame = buildFrame(createRng(1), 1);
  const box = 4 * frame.halfWidth * frame.halfHeight;

  it('makes exactly the requested number of cells for every count from 30 to 51', () => {
    for (let count = 30; count <= 51; count++) {
      const cells = tileCity(createRng(count), frame, count);
      expect(cells).toHaveLength(count);
      const area = cells.reduce((s, c) => s + signedRingArea(c.ring), 0);
      expect(Math.abs(area - box) / box).toBeLessThan(1e-9);
    }
  });

  it('gives closed counter-clockwise rings', () => {
    for (const cell of tileCity(createRng(5), frame, 42)) {
      expect(cell.ring[0]).toEqual(cell.ring[cell.ring.length - 1]);
      expect(signedRingArea(cell.ring)).toBeGreaterThan(0);
    }
  });

  it('covers every point of the box exactly once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 51 }),
        fc.integer(),
        fc.array(
          fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })),
          {
            minLength: 50,
            maxLength: 50,
          },
        ),
        (count, seed, points) => {
          const cells = tileCity(createRng(seed), frame, count);
          for (const [u, v] of points) {
            const p: XY = [u * frame.halfWidth * 0.999999, v * frame.halfHeight * 0.999999];
            expect(cells.filter((c) => pointInRing(p, c.ring))).toHaveLength(1);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
