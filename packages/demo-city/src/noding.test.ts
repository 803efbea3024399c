import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { XY } from './geometry.js';
import { nodeLines } from './noding.js';
import { unsharedIntersections } from './test-support.js';

const coord = fc.integer({ min: -1000, max: 1000 }).map((v) => v + 0.37);
const line = fc.array(fc.tuple(coord, coord), { minLength: 2, maxLength: 5 });

describe('nodeLines', () => {
  it('joins two crossing lines at one shared node', () => {
    const net = nodeLines([
      {
        coords: [
          [-10, 0],
          [10, 0],
        ],
        closed: false,
      },
      {
        coords: [
          [0, -10],
          [0, 10],
        ],
        closed: false,
      },
    ]);
    expect(net.edges).toHaveLength(4);
    const centre = net.nodes.findIndex((p) => Math.hypot(p[0], p[1]) < 1e-9);
    expect(net.edges.filter((e) => e.a === centre || e.b === centre)).toHaveLength(4);
  });

  it('leaves no crossing without a shared node (random lines)', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const net = nodeLines(
          lines.map((coords) => ({ coords: coords as XY[], closed: false })),
          1e-6,
        );
        const edgeLines = net.edges.map((e) =>
          [net.nodes[e.a] as XY, ...e.shape, net.nodes[e.b] as XY].map(([x, y]): [number, number] => [x, y]),
        );
        // Collinear overlaps are out of scope for the noder (the layout never produces them).
        const bad = unsharedIntersections(edgeLines, 200).filter(([s, t]) => {
          const cross = (s.b[0] - s.a[0]) * (t.b[1] - t.a[1]) - (s.b[1] - s.a[1]) * (t.b[0] - t.a[0]);
          return Math.abs(cross) > 1e-6;
        });
        expect(bad).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps line order in lineEdges', () => {
    const net = nodeLines([
      {
        coords: [
          [0, 0],
          [30, 0],
        ],
        closed: false,
      },
      {
        coords: [
          [10, -5],
          [10, 5],
        ],
        closed: false,
      },
      {
        coords: [
          [20, -5],
          [20, 5],
        ],
        closed: false,
      },
    ]);
    const edges = (net.lineEdges[0] ?? []).map((id) => net.edges[id]);
    expect(edges.map((e) => net.nodes[e?.a ?? -1]?.[0])).toEqual([0, 10, 20]);
  });
});
