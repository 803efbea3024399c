import { describe, expect, it } from 'vitest';
import type { RoadFeatureCollection } from '../api/endpoints.js';
import { makeAssignment, makeGrid, makeIncident, makeUnit } from '../test/fixtures.js';
import { findActiveAssignment } from './active-assignment.js';
import { formatLngLat, parseLngLat } from './coordinates.js';
import { etaMinutes, formatDuration, formatTime } from './format.js';
import { compareGridsBySeverity } from './grid-order.js';
import { nearestRoadName } from './nearest-road.js';
import { buildRoadIndex, searchRoads } from './road-index.js';
import { homePath, pagesFor } from './roles.js';
import { groupUnitsByGrid } from './unit-groups.js';

const roads: RoadFeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [116.4, 39.9],
          [116.41, 39.9],
          [116.42, 39.9],
        ],
      },
      properties: { name: '人民路', highway: 'primary' },
    },
    {
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [116.4, 39.91],
          [116.4, 39.92],
        ],
      },
      properties: { name: '解放路', highway: 'secondary' },
    },
    {
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      },
      properties: { highway: 'service' },
    },
  ],
};

describe('coordinates', () => {
  it('parses lng,lat in the usual spellings and rejects nonsense', () => {
    expect(parseLngLat('116.4, 39.9')).toEqual([116.4, 39.9]);
    expect(parseLngLat('116.4，39.9')).toEqual([116.4, 39.9]);
    expect(parseLngLat(' 116.4 39.9 ')).toEqual([116.4, 39.9]);
    expect(parseLngLat('200, 39.9')).toBeNull();
    expect(parseLngLat('人民路')).toBeNull();
    expect(formatLngLat([116.4, 39.9])).toBe('116.40000, 39.90000');
  });
});

describe('road search', () => {
  it('indexes named roads at the middle vertex and finds them by substring', () => {
    const places = buildRoadIndex(roads);
    expect(places.map((p) => p.name).sort()).toEqual(['人民路', '解放路'].sort());
    expect(places.find((p) => p.name === '人民路')?.lngLat).toEqual([116.41, 39.9]);
    expect(searchRoads(places, '人民').map((p) => p.name)).toEqual(['人民路']);
    expect(searchRoads(places, '路')).toHaveLength(2);
    expect(searchRoads(places, '  ')).toEqual([]);
  });

  it('names the nearest road within range only', () => {
    expect(nearestRoadName(roads, [116.405, 39.9005])).toBe('人民路');
    expect(nearestRoadName(roads, [116.4003, 39.915])).toBe('解放路');
    expect(nearestRoadName(roads, [116.6, 39.6])).toBeNull();
  });
});

describe('format', () => {
  it('formats durations and rounds ETAs up to whole minutes', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65.9)).toBe('1:05');
    expect(formatDuration(-5)).toBe('-0:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(etaMinutes(61)).toBe(2);
    expect(etaMinutes(10)).toBe(1);
  });
});

describe('grid order', () => {
  it('sorts uncovered, then understaffed by shortfall, then ok', () => {
    const ok = makeGrid({ id: 'ok', code: 'A' });
    const under1 = makeGrid({
      id: 'u1',
      code: 'B',
      staffing: { status: 'understaffed', present: {}, available: {}, shortfall: { post: 1 } },
    });
    const under3 = makeGrid({
      id: 'u3',
      code: 'C',
      staffing: { status: 'understaffed', present: {}, available: {}, shortfall: { post: 3 } },
    });
    const none = makeGrid({
      id: 'none',
      code: 'D',
      staffing: { status: 'uncovered', present: {}, available: {}, shortfall: {} },
    });
    expect([ok, under1, none, under3].sort(compareGridsBySeverity).map((g) => g.id)).toEqual([
      'none',
      'u3',
      'u1',
      'ok',
    ]);
  });
});

describe('unit groups', () => {
  it('groups by grid in the given order with free/busy counts and filters by kind', () => {
    const units = [
      makeUnit({ id: 'a', callSign: 'B', currentGridId: 'g2', status: 'en_route' }),
      makeUnit({ id: 'b', callSign: 'A', currentGridId: 'g2' }),
      makeUnit({ id: 'c', currentGridId: null, kind: 'drone' }),
      makeUnit({ id: 'd', currentGridId: 'g1', kind: 'motorcycle' }),
    ];
    const groups = groupUnitsByGrid(units, 'all', ['g1', 'g2']);
    expect(groups.map((g) => g.gridId)).toEqual(['g1', 'g2', null]);
    expect(groups[1]).toMatchObject({ free: 1, busy: 1 });
    expect(groups[1]?.units.map((u) => u.id)).toEqual(['b', 'a']);
    expect(groupUnitsByGrid(units, 'drone', []).map((g) => g.units.map((u) => u.id))).toEqual([['c']]);
  });
});

describe('active assignment', () => {
  it('finds the assignment the unit record names, ignoring finished ones', () => {
    const unit = makeUnit({ id: 'u1', activeAssignmentId: 'a2' });
    const incidents = [
      makeIncident({
        id: 'i1',
        assignments: [makeAssignment({ id: 'a1', incidentId: 'i1', status: 'cleared' })],
      }),
      makeIncident({
        id: 'i2',
        assignments: [makeAssignment({ id: 'a2', incidentId: 'i2', status: 'en_route' })],
      }),
    ];
    expect(findActiveAssignment(unit, incidents)?.assignment.id).toBe('a2');
    expect(findActiveAssignment(makeUnit({ id: 'u9' }), incidents)).toBeNull();
  });
});

describe('roles', () => {
  it('routes each role to its pages', () => {
    expect(pagesFor('dispatcher')).toEqual(['dispatcher', 'grids', 'wall']);
    expect(pagesFor('unit')).toEqual(['unit']);
    expect(homePath('supervisor')).toBe('/grids');
    expect(homePath('unit')).toBe('/unit');
    expect(homePath('admin')).toBe('/');
  });
});

describe('formatTime', () => {
  it("shows the centre's time of day, not the machine's", () => {
    const at = Date.parse('2026-12-07T01:02:03Z');
    expect(formatTime(at, 'Asia/Shanghai')).toBe('09:02:03');
    expect(formatTime(at, 'UTC')).toBe('01:02:03');
    expect(formatTime('2026-12-07T16:00:00Z', 'Asia/Shanghai')).toBe('00:00:00');
  });
});
