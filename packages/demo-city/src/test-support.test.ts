import { describe, expect, it } from 'vitest';
import type { Position } from './geojson.js';
import { reachable, unsharedIntersections } from './test-support.js';

describe('test support checks can fail', () => {
  it('flags a crossing without a shared vertex, not one with it', () => {
    const cross: Position[][] = [
      [
        [0, 0],
        [2, 2],
      ],
      [
        [0, 2],
        [2, 0],
      ],
    ];
    expect(unsharedIntersections(cross, 1)).toHaveLength(1);
    const joined: Position[][] = [
      [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
      [
        [0, 2],
        [1, 1],
        [2, 0],
      ],
    ];
    expect(unsharedIntersections(joined, 1)).toHaveLength(0);
  });

  it('flags a T-junction ending on another line without its vertex', () => {
    const t: Position[][] = [
      [
        [0, 0],
        [2, 0],
      ],
      [
        [1, 0],
        [1, 1],
      ],
    ];
    expect(unsharedIntersections(t, 1)).toHaveLength(1);
  });

  it('follows directed edges only', () => {
    const adj = new Map([
      ['a', ['b']],
      ['b', ['c']],
    ]);
    expect([...reachable(adj, 'a')].sort()).toEqual(['a', 'b', 'c']);
    expect([...reachable(adj, 'c')]).toEqual(['c']);
  });
});
