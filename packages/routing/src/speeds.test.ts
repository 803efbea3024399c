import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SPEEDS_KMH,
  UNKNOWN_HIGHWAY_SPEED_KMH,
  parseMaxspeedKmh,
  parseOneway,
  roadClassRule,
} from './speeds.js';

describe('parseMaxspeedKmh', () => {
  it('reads numbers, km/h strings, mph and knots', () => {
    expect(parseMaxspeedKmh(50)).toBe(50);
    expect(parseMaxspeedKmh('50')).toBe(50);
    expect(parseMaxspeedKmh(' 60 km/h ')).toBe(60);
    expect(parseMaxspeedKmh('30 mph')).toBeCloseTo(48.28, 2);
    expect(parseMaxspeedKmh('10 knots')).toBeCloseTo(18.52, 2);
    expect(parseMaxspeedKmh('60;40')).toBe(60);
    expect(parseMaxspeedKmh('walk')).toBe(6);
  });

  it('reads zone codes', () => {
    expect(parseMaxspeedKmh('CN:urban')).toBe(50);
    expect(parseMaxspeedKmh('DE:rural')).toBe(100);
    expect(parseMaxspeedKmh('RU:urban')).toBe(60);
    expect(parseMaxspeedKmh('DE:zone30')).toBe(30);
    expect(parseMaxspeedKmh('GB:nsl_single')).toBeCloseTo(96.56, 1);
  });

  it('gives null for unknown zones, none, zero and junk so the class default applies', () => {
    for (const v of ['XX:moon', 'none', 'signals', '0', -5, 0, null, undefined, {}, '', 'fast']) {
      expect(parseMaxspeedKmh(v)).toBeNull();
    }
  });
});

describe('parseOneway', () => {
  it('reads the OSM spellings', () => {
    for (const v of ['yes', 'true', '1', true, 1, 'YES'])
      expect(parseOneway(v, 'residential', undefined)).toBe('forward');
    for (const v of ['-1', -1, 'reverse']) expect(parseOneway(v, 'residential', undefined)).toBe('backward');
    for (const v of ['no', 'false', '0', false, 0])
      expect(parseOneway(v, 'motorway', 'roundabout')).toBe('both');
  });

  it('implies one-way on roundabouts and motorways only when not tagged', () => {
    expect(parseOneway(undefined, 'primary', 'roundabout')).toBe('forward');
    expect(parseOneway(undefined, 'primary', 'circular')).toBe('forward');
    expect(parseOneway(undefined, 'motorway', undefined)).toBe('forward');
    expect(parseOneway(undefined, 'primary', undefined)).toBe('both');
    expect(parseOneway('-1', 'motorway', undefined)).toBe('backward');
  });
});

describe('roadClassRule', () => {
  it('uses the table, walk-only classes, non-routable classes and unknown classes', () => {
    expect(roadClassRule('primary', DEFAULT_SPEEDS_KMH)).toMatchObject({
      drive: true,
      walk: true,
      speedKmh: DEFAULT_SPEEDS_KMH['primary'],
    });
    expect(roadClassRule('motorway', DEFAULT_SPEEDS_KMH)).toMatchObject({ drive: true, walk: false });
    expect(roadClassRule('footway', DEFAULT_SPEEDS_KMH)).toMatchObject({ drive: false, walk: true });
    expect(roadClassRule('construction', DEFAULT_SPEEDS_KMH)).toBeNull();
    expect(roadClassRule('weird_road', DEFAULT_SPEEDS_KMH)).toMatchObject({
      drive: true,
      unknown: true,
      speedKmh: UNKNOWN_HIGHWAY_SPEED_KMH,
    });
    expect(roadClassRule('service', { ...DEFAULT_SPEEDS_KMH, service: 0 })).toMatchObject({
      drive: false,
      walk: true,
    });
  });
});
