import { describe, expect, it } from 'vitest';
import { DEFAULT_POST_RANGE_METERS, toDispatchUnit, travelCandidateOf } from './travel-model.js';

const at = [120.15, 30.27] as const;

describe('travelCandidateOf', () => {
  it('walks posts within their own range, or the stored default when the post is unknown', () => {
    expect(travelCandidateOf({ id: 'p', kind: 'post', lngLat: at, postRangeMeters: 650 })).toMatchObject({
      mode: 'walk',
      maxRangeMeters: 650,
    });
    expect(travelCandidateOf({ id: 'p', kind: 'post', lngLat: at })).toMatchObject({
      mode: 'walk',
      maxRangeMeters: DEFAULT_POST_RANGE_METERS,
    });
    expect(DEFAULT_POST_RANGE_METERS).toBe(800);
  });

  it('walks foot patrols and partners, flies drones, speeds motorcycles and drives cars', () => {
    expect(travelCandidateOf({ id: 'f', kind: 'foot_patrol', lngLat: at }).mode).toBe('walk');
    expect(travelCandidateOf({ id: 'g', kind: 'partner', lngLat: at }).mode).toBe('walk');
    expect(travelCandidateOf({ id: 'd', kind: 'drone', lngLat: at }).mode).toBe('fly');
    expect(travelCandidateOf({ id: 'm', kind: 'motorcycle', lngLat: at }).speedFactor).toBeGreaterThan(1);
    expect(travelCandidateOf({ id: 'c', kind: 'patrol_car', lngLat: at })).toEqual({ id: 'c', lngLat: at });
  });
});

describe('toDispatchUnit', () => {
  it('keeps what ranking reads and places the unit', () => {
    const record = {
      id: 'u1',
      callSign: '巡01',
      kind: 'patrol_car',
      status: 'available',
      homeGridId: 'g1',
      currentGridId: 'g2',
      capabilities: ['armed'],
    } as const;
    expect(toDispatchUnit(record, at)).toEqual({ ...record, lngLat: at });
  });
});
