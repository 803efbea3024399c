import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outlineRings, signedArea } from './outline.js';

/** Signed distance-free point-in-ring test (even-odd) on a flat closed ring. */
function inRing(ring: Float64Array, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 4; i < ring.length - 2; j = i, i += 2) {
    const xi = ring[i]!;
    const yi = ring[i + 1]!;
    const xj = ring[j]!;
    const yj = ring[j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance from (x, y) to the ring's boundary. */
function toBoundary(ring: Float64Array, x: number, y: number): number {
  let best = Infinity;
  for (let i = 2; i < ring.length; i += 2) {
    const ax = ring[i - 2]!;
    const ay = ring[i - 1]!;
    const dx = ring[i]! - ax;
    const dy = ring[i + 1]! - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
    best = Math.min(best, Math.hypot(ax + t * dx - x, ay + t * dy - y));
  }
  return best;
}

/** Points along each piece: its ends and up to 40 between, a few per cell. */
function samples(pieces: readonly number[], step: number): [number, number][] {
  const out: [number, number][] = [];
  for (let p = 0; p < pieces.length; p += 4) {
    const [ax, ay, bx, by] = pieces.slice(p, p + 4) as [number, number, number, number];
    const n = Math.min(41, Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / step)));
    for (let i = 0; i <= n; i++) out.push([ax + ((bx - ax) * i) / n, ay + ((by - ay) * i) / n]);
  }
  return out;
}

const coordinate = fc.double({ min: -500, max: 500, noNaN: true });
const piecesArb = fc
  .array(
    fc.oneof(
      fc.tuple(coordinate, coordinate, coordinate, coordinate),
      coordinate.chain((x) => coordinate.map((y) => [x, y, x, y] as const)), // a lone point
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((list) => list.flat());
const optionsArb = fc.record({
  cellMeters: fc.double({ min: 2, max: 40, noNaN: true }),
  closeMeters: fc.double({ min: 0, max: 150, noNaN: true }),
});

describe('outlineRings', () => {
  it('encloses every piece with a margin, in closed counter-clockwise rings', () => {
    fc.assert(
      fc.property(piecesArb, optionsArb, (pieces, options) => {
        const rings = outlineRings(pieces, options);
        expect(rings.length).toBeGreaterThan(0);
        for (const ring of rings) {
          expect(ring.length).toBeGreaterThanOrEqual(8); // a closed triangle at least
          expect([ring[0], ring[1]]).toEqual([ring.at(-2), ring.at(-1)]);
          expect(signedArea(ring)).toBeGreaterThan(0);
        }
        for (const [x, y] of samples(pieces, options.cellMeters / 3)) {
          const ring = rings.find((r) => inRing(r, x, y));
          expect(ring).toBeDefined();
          // Half a cell inside before simplification, which moves the outline a fifth of a cell.
          expect(toBoundary(ring!, x, y)).toBeGreaterThan(options.cellMeters * 0.25);
        }
      }),
      { numRuns: 200 },
    );
  }, 30_000);

  it('stays within the closing distance of the pieces', () => {
    fc.assert(
      fc.property(piecesArb, optionsArb, coordinate, coordinate, (pieces, options, x, y) => {
        const rings = outlineRings(pieces, options);
        // Bounding box of the pieces; filled holes lie inside it, so test points beyond it.
        const xs = pieces.filter((_, i) => i % 2 === 0);
        const ys = pieces.filter((_, i) => i % 2 === 1);
        const reach = 1.1 * options.closeMeters + 4 * options.cellMeters;
        const px = x < 0 ? Math.min(...xs) - reach + x / 10 : Math.max(...xs) + reach + x / 10;
        const py = y < 0 ? Math.min(...ys) - reach + y / 10 : Math.max(...ys) + reach + y / 10;
        for (const ring of rings) {
          for (const [qx, qy] of [
            [px, py],
            [px, (Math.min(...ys) + Math.max(...ys)) / 2],
            [(Math.min(...xs) + Math.max(...xs)) / 2, py],
          ] as const)
            expect(inRing(ring, qx, qy)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  }, 30_000);

  it('fills enclosed areas and narrow gaps, and keeps areas far apart separate', () => {
    const square = [0, 0, 400, 0, 400, 0, 400, 400, 400, 400, 0, 400, 0, 400, 0, 0];
    const [ring, ...others] = outlineRings(square, { cellMeters: 10, closeMeters: 20 });
    expect(others).toHaveLength(0);
    expect(inRing(ring!, 200, 200)).toBe(true);

    const parallel = (gap: number) => [0, 0, 1000, 0, 0, gap, 1000, gap];
    expect(outlineRings(parallel(150), { cellMeters: 10, closeMeters: 100 })).toHaveLength(1);
    const apart = outlineRings(parallel(300), { cellMeters: 10, closeMeters: 100 });
    expect(apart).toHaveLength(2);
    expect(apart.some((r) => inRing(r, 500, 150))).toBe(false);
  });

  it('is empty without pieces', () => {
    expect(outlineRings([], { cellMeters: 10, closeMeters: 50 })).toEqual([]);
  });
});
