import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellToBoundary, latLngToCell } from 'h3-js';
import { CellLocator } from './cell-locator.js';

describe('CellLocator', () => {
  it('gives h3-js’s cell for every point, also right beside cell edges', () => {
    for (const resolution of [7, 9, 11]) {
      const locator = new CellLocator(resolution);
      // Random points, and points along the edges of one cell up to ~3 m either side of them.
      const edges = cellToBoundary(latLngToCell(30.27, 120.15, resolution));
      fc.assert(
        fc.property(
          fc.oneof(
            fc.tuple(
              fc.double({ min: 120.1, max: 120.2, noNaN: true }),
              fc.double({ min: 30.22, max: 30.32, noNaN: true }),
            ),
            fc
              .tuple(
                fc.constantFrom(...edges),
                fc.double({ min: -3e-5, max: 3e-5, noNaN: true }),
                fc.double({ min: 0, max: 1, noNaN: true }),
              )
              .map(([[lat, lng], jitter, t]): [number, number] => {
                const [lat2, lng2] =
                  edges[(edges.findIndex(([a, b]) => a === lat && b === lng) + 1) % edges.length]!;
                return [lng + (lng2 - lng) * t + jitter, lat + (lat2 - lat) * t - jitter];
              }),
          ),
          ([lng, lat]) => locator.cells[locator.locate(lng, lat)] === latLngToCell(lat, lng, resolution),
        ),
        { numRuns: 3000 },
      );
      // Most points were answered without h3-js.
      expect(locator.slowLookups).toBeLessThan(3000);
    }
  });

  it('numbers cells in order of first appearance', () => {
    const locator = new CellLocator(9);
    const a = locator.locate(120.15, 30.27);
    const b = locator.locate(120.2, 30.3);
    expect([a, b]).toEqual([0, 1]);
    expect(locator.locate(120.15, 30.27)).toBe(0);
    expect(locator.indexOf(latLngToCell(30.3, 120.2, 9))).toBe(1);
    expect(locator.indexOf('8928308280fffff')).toBe(-1);
  });
});
