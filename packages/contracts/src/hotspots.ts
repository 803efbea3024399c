/**
 * Hot spots: expected incidents per H3 cell for an hour of week or a shift (the heat-map layer
 * and its time slider), and the top cells of each grid with their counts and main types. Built
 * from the incidents received in the window before the build (default 28 days; cancelled ones
 * left out), counted by the centre's local hour of week and weighted by priority for `demand`.
 * Expected figures are per week: incidents expected in one such hour or shift.
 */
import Type, { type Static } from 'typebox';
import { Id, IncidentTypeSchema, IsoTime, LngLatTuple } from './primitives.js';

const strict = { additionalProperties: false } as const;

export const HourOfWeekSchema = Type.Integer({
  minimum: 0,
  maximum: 167,
  description: "hour of week in the centre's time zone: 0 = Monday 00:00-01:00 ... 167 = Sunday 23:00-24:00",
});

export const HotspotsQuery = Type.Object(
  {
    hourOfWeek: Type.Optional(HourOfWeekSchema),
    shift: Type.Optional(
      Type.String({
        pattern: '^[a-z][a-z0-9_-]{0,31}$',
        description:
          'a shift id (GET /api/reports/shifts): its running or next occurrence, or the one starting on `day`',
      }),
    ),
    day: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 7,
        description: 'with `shift`: the day it starts, 1 = Monday ... 7 = Sunday',
      }),
    ),
    when: Type.Optional(
      Type.Enum(['now', 'next-shift'], {
        description:
          'now: the current hour of week; next-shift: the next shift to start. The default when nothing is asked.',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 5000,
        default: 2000,
        description: 'cells, highest expected first',
      }),
    ),
  },
  strict,
);
export type HotspotsQuery = Static<typeof HotspotsQuery>;

export const HotspotsTopQuery = Type.Object(
  {
    gridId: Type.Optional(Id),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 50, default: 5, description: 'cells per grid' }),
    ),
  },
  strict,
);
export type HotspotsTopQuery = Static<typeof HotspotsTopQuery>;

export const HotspotWindow = Type.Object({
  from: IsoTime,
  to: IsoTime,
  days: Type.Number(),
  /** Incidents counted in the window. */
  incidents: Type.Integer(),
});
export type HotspotWindow = Static<typeof HotspotWindow>;

export const HourWeightDto = Type.Object({ hourOfWeek: HourOfWeekSchema, weight: Type.Number() });

export const HotspotPeriod = Type.Object({
  kind: Type.Enum(['hour', 'shift']),
  shiftId: Type.Union([Type.String(), Type.Null()]),
  shiftName: Type.Union([Type.String(), Type.Null()]),
  /** Local day the period starts, 1 = Monday ... 7 = Sunday. */
  day: Type.Integer({ minimum: 1, maximum: 7 }),
  /** Local minutes of the week (0 = Monday 00:00); the end is exclusive and may wrap past Sunday. */
  startMinuteOfWeek: Type.Integer(),
  endMinuteOfWeek: Type.Integer(),
  hours: Type.Array(HourWeightDto),
});
export type HotspotPeriod = Static<typeof HotspotPeriod>;

export const HotspotCellFeature = Type.Object({
  type: Type.Literal('Feature'),
  /** H3 index. */
  id: Type.String(),
  geometry: Type.Object({
    type: Type.Literal('Polygon'),
    coordinates: Type.Array(Type.Array(LngLatTuple)),
  }),
  properties: Type.Object({
    cell: Type.String(),
    /** Incidents expected in the period (per week). */
    expectedIncidents: Type.Number(),
    /** The same, weighted by priority (P1 4, P2 2, P3 1, P4 0.5). */
    demand: Type.Number(),
  }),
});
export type HotspotCellFeature = Static<typeof HotspotCellFeature>;

export const HotspotMapDto = Type.Object({
  /** When the surface was built (it is rebuilt every few minutes). */
  computedAt: IsoTime,
  window: HotspotWindow,
  /** H3 resolution of the cells (9: about 0.1 km²). */
  resolution: Type.Integer(),
  period: HotspotPeriod,
  /** Expected incidents in the period over all cells (not only those returned). */
  totalExpectedIncidents: Type.Number(),
  cells: Type.Object({
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(HotspotCellFeature),
  }),
});
export type HotspotMapDto = Static<typeof HotspotMapDto>;

export const HotspotCellDto = Type.Object({
  cell: Type.String(),
  /** Cell centre. */
  lngLat: LngLatTuple,
  /** Incidents in the window, and their priority-weighted sum (the rank). */
  incidents: Type.Integer(),
  demand: Type.Number(),
  /** Smoothed weighted demand expected per week (shares some with the neighbouring cells). */
  expectedDemandPerWeek: Type.Number(),
  mainTypes: Type.Array(Type.Object({ type: IncidentTypeSchema, count: Type.Integer() })),
});
export type HotspotCellDto = Static<typeof HotspotCellDto>;

export const HotspotTopDto = Type.Object({
  computedAt: IsoTime,
  window: HotspotWindow,
  resolution: Type.Integer(),
  /** Every grid (or the one asked), in grid order; a grid without incidents has no cells. */
  grids: Type.Array(Type.Object({ gridId: Id, gridName: Type.String(), cells: Type.Array(HotspotCellDto) })),
});
export type HotspotTopDto = Static<typeof HotspotTopDto>;
