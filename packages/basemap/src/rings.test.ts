import { describe, expect, it } from 'vitest';
import { assembleRings, bufferLine, insideRing } from './rings.js';

describe('basemap rings', () => {
  it('joins member ways end to end into rings, and finds holes inside them', () => {
    const rings = assembleRings([
      [
        [0, 0],
        [1, 0],
      ],
      [
        [1, 1],
        [1, 0],
      ],
      [
        [1, 1],
        [0, 1],
        [0, 0],
      ],
      [
        [5, 5],
        [6, 6],
      ],
    ]);
    expect(rings).toHaveLength(1);
    expect(rings[0]).toHaveLength(5);
    expect(rings[0]![0]).toEqual(rings[0]!.at(-1));
    expect(insideRing([0.5, 0.5], rings[0]!)).toBe(true);
    expect(insideRing([2, 0.5], rings[0]!)).toBe(false);
  });

  it('buffers a line into a closed ring of the given width', () => {
    const ring = bufferLine(
      [
        [120, 30],
        [120.01, 30],
      ],
      50,
    );
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring.at(-1));
    expect((ring[0]![1] - ring[3]![1]) * 111_320).toBeCloseTo(100, 0);
  });
});
