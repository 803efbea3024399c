import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipPieces } from './clip.js';
import type { XY } from './geometry.js';

const coord = fc.double({ min: -1000, max: 1000, noNaN: true });
const polyline = fc.array(fc.tuple(coord, coord), { minLength: 2, maxLength: 12 });

describe('clipPieces', () => {
  it('keeps only points inside the region, with cut points on its boundary', () => {
    fc.assert(
      fc.property(polyline, fc.double({ min: 50, max: 800, noNaN: true }), (coords, radius) => {
        const inside = (p: XY): boolean => Math.hypot(p[0], p[1]) <= radius;
        const pieces = clipPieces(
          [{ coords: coords as XY[], pruneStart: false, pruneEnd: false }],
          inside,
          true,
        );
        for (const piece of pieces) {
          for (const p of piece.coords) expect(inside(p)).toBe(true);
          const first = piece.coords[0] as XY;
          const last = piece.coords[piece.coords.length - 1] as XY;
          if (piece.pruneStart) expect(Math.abs(Math.hypot(...first) - radius)).toBeLessThan(1e-3);
          if (piece.pruneEnd) expect(Math.abs(Math.hypot(...last) - radius)).toBeLessThan(1e-3);
        }
      }),
    );
  });

  it('cuts a line crossing a band into two flagged pieces', () => {
    const pieces = clipPieces(
      [
        {
          coords: [
            [-100, 0],
            [100, 0],
          ],
          pruneStart: false,
          pruneEnd: false,
        },
      ],
      (p) => Math.abs(p[0]) >= 20,
      true,
    );
    expect(pieces).toHaveLength(2);
    expect(pieces[0]?.pruneStart).toBe(false);
    expect(pieces[0]?.pruneEnd).toBe(true);
    expect(pieces[1]?.pruneStart).toBe(true);
    expect(pieces[0]?.coords.at(-1)?.[0]).toBeCloseTo(-20, 4);
    expect(pieces[1]?.coords[0]?.[0]).toBeCloseTo(20, 4);
  });
});
