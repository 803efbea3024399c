/** Builders of standby-point and hot-spot DTOs for tests. */
import type {
  HotspotMapDto,
  HotspotPeriod,
  StandbyOrderDto,
  StandbyRecommendationDto,
  StandbyRecommendationsDto,
} from '@dispatch/contracts';
import { T0, iso } from './fixtures.js';

const shares = (s3: number, s5: number) => ({ demandShare3: s3, demandShare5: s5 });

export function makeHourPeriod(hourOfWeek = 9): HotspotPeriod {
  return {
    kind: 'hour',
    shiftId: null,
    shiftName: null,
    day: Math.floor(hourOfWeek / 24) + 1,
    startMinuteOfWeek: hourOfWeek * 60,
    endMinuteOfWeek: hourOfWeek * 60 + 60,
    hours: [{ hourOfWeek, weight: 1 }],
  };
}

export function makeRecommendation(
  overrides: Partial<StandbyRecommendationDto> = {},
): StandbyRecommendationDto {
  return {
    unitId: 'u1',
    callSign: '巡01',
    homeGridId: 'g1',
    lngLat: [116.4, 39.9],
    gridId: 'g2',
    point: { lngLat: [116.41, 39.91], gridId: 'g1' },
    travelSeconds: 240,
    expectedGain3: 0.05,
    expectedGain5: 0.031,
    grid: { before: shares(0.4, 0.8), after: shares(0.9, 1) },
    city: { before: shares(0.6, 0.9), after: shares(0.8, 0.99) },
    ...overrides,
  };
}

export function makeStandbyPlan(
  units: StandbyRecommendationDto[],
  overrides: Partial<StandbyRecommendationsDto> = {},
): StandbyRecommendationsDto {
  const gridIds = [...new Set(units.map((u) => u.point.gridId))];
  return {
    computedAt: iso(T0),
    computeMs: 12,
    cached: false,
    period: makeHourPeriod(),
    targetsSeconds: [180, 300],
    demandModel: 'hotspots',
    busyFraction: 0.3,
    gridId: null,
    city: { before: shares(0.6, 0.9), after: shares(0.8, 0.99) },
    grids: gridIds.map((gridId) => ({ gridId, before: shares(0.4, 0.8), after: shares(0.9, 1) })),
    units,
    skipped: [{ unitId: 'p1', callSign: '岗01', homeGridId: 'g1', reason: 'not_driving' }],
    ...overrides,
  };
}

export function makeStandbyOrder(overrides: Partial<StandbyOrderDto> = {}): StandbyOrderDto {
  return {
    id: 'o1',
    unitId: 'u1',
    lngLat: [116.41, 39.91],
    reason: 'standby',
    note: '',
    gain: 0.031,
    createdAt: iso(T0),
    createdById: 'sup',
    status: 'active',
    endReason: null,
    endedAt: null,
    ...overrides,
  };
}

/** A heat map of square "cells" with the given expected incidents. */
export function makeHotspotMap(expected: number[], period = makeHourPeriod()): HotspotMapDto {
  return {
    computedAt: iso(T0),
    window: { from: iso(T0 - 28 * 86_400_000), to: iso(T0), days: 28, incidents: 40 },
    resolution: 9,
    period,
    totalExpectedIncidents: expected.reduce((a, b) => a + b, 0),
    cells: {
      type: 'FeatureCollection',
      features: expected.map((e, i) => {
        const x = 116.4 + i * 0.01;
        return {
          type: 'Feature',
          id: `c${i}`,
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [x, 39.9],
                [x + 0.005, 39.9],
                [x + 0.005, 39.905],
                [x, 39.9],
              ],
            ],
          },
          properties: { cell: `c${i}`, expectedIncidents: e, demand: 2 * e },
        };
      }),
    },
  };
}
