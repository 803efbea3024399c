import { describe, expect, it } from 'vitest';
import { makeHotspotMap, makeRecommendation, makeStandbyOrder } from '../test/cover-fixtures.js';
import { buildHotspotFeatures, buildStandbyPointFeatures, isOrderedTo } from './cover-features.js';
import { dayAndHour, hotspotQuery, hourOfWeekAt, standbyHour } from './cover-period.js';

describe('cover layers as GeoJSON', () => {
  it('draws a line from each unit to its point, and marks the points a unit was ordered to', () => {
    const a = makeRecommendation({ unitId: 'u1' });
    const b = makeRecommendation({
      unitId: 'u2',
      lngLat: [116.5, 39.8],
      point: { lngLat: [116.45, 39.85], gridId: 'g2' },
    });
    const orders = {
      u1: makeStandbyOrder({ unitId: 'u1', lngLat: [116.41, 39.91] }),
      // Ordered elsewhere: its recommended point is not ordered.
      u2: makeStandbyOrder({ id: 'o2', unitId: 'u2', lngLat: [116.3, 39.7] }),
    };
    const fc = buildStandbyPointFeatures([a, b], orders);
    const paths = fc.features.filter((f) => f.properties?.kind === 'path');
    const points = fc.features.filter((f) => f.properties?.kind === 'point');
    expect(paths.map((f) => f.geometry.coordinates)).toEqual([
      [
        [116.4, 39.9],
        [116.41, 39.91],
      ],
      [
        [116.5, 39.8],
        [116.45, 39.85],
      ],
    ]);
    expect(points.map((f) => [f.properties?.unitId, f.properties?.ordered])).toEqual([
      ['u1', true],
      ['u2', false],
    ]);
    expect(isOrderedTo(makeStandbyOrder({ status: 'ended' }), [116.41, 39.91])).toBe(false);
    expect(isOrderedTo(undefined, [116.41, 39.91])).toBe(false);
  });

  it('scales hot-spot cells by the busiest one, and draws nothing without a map', () => {
    const fc = buildHotspotFeatures(makeHotspotMap([4, 1, 2]));
    expect(fc.features.map((f) => f.properties?.level)).toEqual([1, 0.25, 0.5]);
    expect(fc.features[0]?.geometry.type).toBe('Polygon');
    expect(buildHotspotFeatures(null).features).toEqual([]);
    expect(buildHotspotFeatures(makeHotspotMap([])).features).toEqual([]);
  });

  it('asks the server for the period: now, next shift or an hour of week', () => {
    expect(hotspotQuery('now')).toEqual({ when: 'now' });
    expect(hotspotQuery('next-shift')).toEqual({ when: 'next-shift' });
    expect(hotspotQuery(30)).toEqual({ hourOfWeek: 30 });
    expect(standbyHour('next-shift')).toBe('next-shift');
    expect(standbyHour(0)).toBe('0');
    expect(dayAndHour(0)).toEqual({ day: 0, hour: 0 });
    expect(dayAndHour(167)).toEqual({ day: 6, hour: 23 });
    // 2026-12-07 is a Monday: 09:30 in Shanghai is hour 9, 01:30 UTC is hour 1 in UTC.
    const at = Date.UTC(2026, 11, 7, 1, 30);
    expect(hourOfWeekAt(at, 'Asia/Shanghai')).toBe(9);
    expect(hourOfWeekAt(at, 'UTC')).toBe(1);
    // Sunday 23:30 in Shanghai.
    expect(hourOfWeekAt(Date.UTC(2026, 11, 6, 15, 30), 'Asia/Shanghai')).toBe(167);
  });
});
