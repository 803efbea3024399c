import { describe, expect, it } from 'vitest';
import {
  patrolVertices,
  pointInPolygon,
  verticesByGrid,
  type GridPolygon,
  type RoadFeature,
} from './city-geometry.js';

const square = (x0: number, y0: number, size: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x0, y0],
      [x0 + size, y0],
      [x0 + size, y0 + size],
      [x0, y0 + size],
      [x0, y0],
    ],
  ],
});

const road = (highway: string, coordinates: number[][], name = 'R'): RoadFeature => ({
  type: 'Feature',
  properties: { highway, name },
  geometry: { type: 'LineString', coordinates },
});

describe('city geometry', () => {
  it('tests points in polygons with holes and multipolygons', () => {
    const withHole: GridPolygon = {
      type: 'Polygon',
      coordinates: [square(0, 0, 10).coordinates[0]!, square(4, 4, 2).coordinates[0]!],
    };
    expect(pointInPolygon([1, 1], withHole)).toBe(true);
    expect(pointInPolygon([5, 5], withHole)).toBe(false);
    expect(pointInPolygon([11, 1], withHole)).toBe(false);
    const multi: GridPolygon = {
      type: 'MultiPolygon',
      coordinates: [square(0, 0, 1).coordinates, square(5, 5, 1).coordinates],
    };
    expect(pointInPolygon([5.5, 5.5], multi)).toBe(true);
  });

  it('keeps distinct patrol vertices, not on motorways', () => {
    const vertices = patrolVertices([
      road('residential', [
        [0.5, 0.5],
        [1.5, 0.5],
      ]),
      road('primary', [
        [1.5, 0.5],
        [1.5, 1.5],
      ]),
      road('motorway', [
        [0.2, 0.2],
        [0.3, 0.3],
      ]),
    ]);
    expect(vertices.map((v) => v.lngLat)).toEqual([
      [0.5, 0.5],
      [1.5, 0.5],
      [1.5, 1.5],
    ]);
  });

  it('assigns vertices to grids, with a fallback vertex for an empty grid', () => {
    const grids = [
      { id: 'a', polygon: square(0, 0, 1) },
      { id: 'b', polygon: square(1, 0, 1) },
      { id: 'c', polygon: square(9, 9, 1) },
    ];
    const byGrid = verticesByGrid(
      [
        { lngLat: [0.5, 0.5], name: '' },
        { lngLat: [1.5, 0.5], name: '' },
      ],
      grids,
    );
    expect(byGrid.get('a')).toEqual([[0.5, 0.5]]);
    expect(byGrid.get('b')).toEqual([[1.5, 0.5]]);
    expect(byGrid.get('c')).toEqual([[9, 9]]);
  });
});
