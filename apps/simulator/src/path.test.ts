import { describe, expect, it } from 'vitest';
import { bearingDeg, makePath, pointAlong } from './path.js';

describe('path following', () => {
  const east: [number, number][] = [
    [120, 30],
    [120.01, 30],
    [120.01, 30.01],
  ];
  const path = makePath(east);

  it('measures cumulative metres', () => {
    expect(path.cumulative[0]).toBe(0);
    expect(path.cumulative[1]).toBeGreaterThan(960);
    expect(path.cumulative[1]).toBeLessThan(965);
    expect(path.lengthMeters).toBeCloseTo(path.cumulative[1]! + 1112, -1);
  });

  it('interpolates the position and gives the heading of the current segment', () => {
    const half = pointAlong(path, path.cumulative[1]! / 2);
    expect(half.lngLat[0]).toBeCloseTo(120.005, 6);
    expect(half.lngLat[1]).toBeCloseTo(30, 6);
    expect(half.headingDeg).toBeCloseTo(90, 1);
    const north = pointAlong(path, path.cumulative[1]! + 10);
    expect(north.headingDeg).toBeCloseTo(0, 1);
  });

  it('clamps to the ends', () => {
    expect(pointAlong(path, -5).lngLat).toEqual(east[0]);
    expect(pointAlong(path, 1e9).lngLat).toEqual(east[2]);
    expect(pointAlong(makePath([[1, 2]]), 10)).toEqual({ lngLat: [1, 2], headingDeg: null });
  });

  it('bearings lie in [0, 360)', () => {
    expect(bearingDeg([120, 30], [119.99, 30])).toBeCloseTo(270, 1);
    expect(bearingDeg([120, 30], [120, 29.99])).toBeCloseTo(180, 1);
  });
});
