import { DEFAULT_CLOCK_TARGETS } from '@dispatch/domain';
import { describe, expect, it } from 'vitest';
import { T0, iso, makeGrid, makeIncident, makeUnit } from '../test/fixtures.js';
import { makeMoveUp } from '../test/move-up-fixtures.js';
import {
  buildGridFeatures,
  buildIncidentFeatures,
  buildMoveUpFeatures,
  buildUnitFeatures,
  gridBounds,
} from './map-features.js';

describe('map features', () => {
  it('builds one point per unit with a position, leaving off-duty units off the map', () => {
    const units = {
      u1: makeUnit({ id: 'u1', status: 'en_route' }),
      u2: makeUnit({ id: 'u2', status: 'off_duty' }),
      u3: makeUnit({ id: 'u3' }),
    };
    const positions: Record<string, [number, number]> = { u1: [1, 2], u2: [3, 4] };
    const fc = buildUnitFeatures(units, (id) => positions[id], {
      selectedId: 'u1',
      candidateIds: new Set(['u1']),
    });
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]?.geometry.coordinates).toEqual([1, 2]);
    expect(fc.features[0]?.properties).toMatchObject({
      id: 'u1',
      status: 'en_route',
      selected: true,
      candidate: true,
    });
  });

  it('marks incidents breached once a clock is red, and skips ended ones', () => {
    const incidents = [makeIncident({ id: 'i1' }), makeIncident({ id: 'i2', status: 'closed' })];
    const early = buildIncidentFeatures(incidents, T0 + 30_000, DEFAULT_CLOCK_TARGETS);
    expect(early.features.map((f) => f.properties.breached)).toEqual([false]);
    const late = buildIncidentFeatures(incidents, T0 + 61_000, DEFAULT_CLOCK_TARGETS, 'i1');
    expect(late.features[0]?.properties).toMatchObject({ breached: true, warning: 'red', selected: true });
  });

  it('keeps dispatched incidents calm until the arrival clock runs out', () => {
    const incident = makeIncident({ status: 'dispatched', firstDispatchedAt: iso(T0 + 20_000) });
    expect(
      buildIncidentFeatures([incident], T0 + 170_000, DEFAULT_CLOCK_TARGETS).features[0]?.properties.breached,
    ).toBe(false);
    expect(
      buildIncidentFeatures([incident], T0 + 180_000, DEFAULT_CLOCK_TARGETS).features[0]?.properties.breached,
    ).toBe(true);
  });

  it('carries grid staffing status for the data-driven fill and computes bounds', () => {
    const grids = [
      makeGrid({
        staffing: { status: 'uncovered', present: {}, available: {}, shortfall: { patrol_car: 1 } },
      }),
      makeGrid({ id: 'g2', polygon: null }),
    ];
    const fc = buildGridFeatures(grids);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]?.properties).toMatchObject({ id: 'g1', status: 'uncovered' });
    expect(gridBounds(grids)).toEqual([
      [116.39, 39.89],
      [116.42, 39.92],
    ]);
    expect(gridBounds([])).toBeNull();
  });

  it('joins the live coverage level for the coverage fill (null until known)', () => {
    const grids = [makeGrid(), makeGrid({ id: 'g2', code: 'G02' })];
    const fc = buildGridFeatures(grids, { g1: { level: 'uncovered' } });
    expect(fc.features.map((f) => f.properties?.coverage)).toEqual(['uncovered', null]);
  });

  it('draws each move-up as a line from the unit to its site plus the site, first move first', () => {
    const { features } = buildMoveUpFeatures([
      makeMoveUp({ id: 'm1', from: [116.4, 39.9], site: [116.42, 39.91], gainShare5: 0.03 }),
      makeMoveUp({ id: 'm2', unitId: 'u2', gainShare5: 0.01 }),
    ]);
    expect(features.map((f) => [f.properties?.id, f.properties?.kind, f.properties?.order])).toEqual([
      ['m1', 'move', 0],
      ['m1', 'site', 0],
      ['m2', 'move', 1],
      ['m2', 'site', 1],
    ]);
    expect(features[0]!.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [116.4, 39.9],
        [116.42, 39.91],
      ],
    });
    expect(features[1]!.properties?.gainShare5).toBe(0.03);
  });
});
