/** Standby orders: where a free unit is told to wait (standby on the move, move-up). */
import Type, { type Static } from 'typebox';
import { HotspotPeriod } from './hotspots.js';
import { Id, IsoTime, LngLatTuple } from './primitives.js';

const strict = { additionalProperties: false } as const;

export const StandbyReasonSchema = Type.Enum(['standby', 'move_up']);
export const StandbyEndReasonSchema = Type.Enum(['dispatched', 'replaced', 'cancelled', 'off_duty']);

export const StandbyOrderDto = Type.Object({
  id: Id,
  unitId: Id,
  lngLat: LngLatTuple,
  reason: StandbyReasonSchema,
  note: Type.String(),
  /** Expected 5-minute demand coverage gained (share points, 0..1) when the point was recommended. */
  gain: Type.Union([Type.Number(), Type.Null()]),
  createdAt: IsoTime,
  createdById: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(['active', 'ended']),
  endReason: Type.Union([StandbyEndReasonSchema, Type.Null()]),
  endedAt: Type.Union([IsoTime, Type.Null()]),
});
export type StandbyOrderDto = Static<typeof StandbyOrderDto>;

export const StandbyOrderBody = Type.Object(
  {
    lngLat: LngLatTuple,
    note: Type.Optional(Type.String({ maxLength: 200 })),
    /** Expected gain when the point came from a recommendation (shown to the crew). */
    gain: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  },
  strict,
);
export type StandbyOrderBody = Static<typeof StandbyOrderBody>;

/** A unit's standby order changed: the new active one, or null when it ended. */
export interface StandbyUpdatedEvent {
  unitId: string;
  order: StandbyOrderDto | null;
  /** The order that ended, if one did. */
  ended: StandbyOrderDto | null;
}

/**
 * `hour` of GET /api/standby/recommendations: `now` (the current local hour, the default),
 * `next-shift` (the next shift to start, its hours weighted) or an hour of week 0-167
 * (0 = Monday 00:00-01:00 in the centre's time zone).
 */
export const STANDBY_HOUR_PATTERN = '^(now|next-shift|[0-9]|[1-9][0-9]|1[0-5][0-9]|16[0-7])$';

export const StandbyRecommendationsQuery = Type.Object(
  {
    hour: Type.Optional(
      Type.String({
        pattern: STANDBY_HOUR_PATTERN,
        description:
          "now (default), next-shift, or an hour of week 0-167 in the centre's time zone (0 = Monday 00:00)",
      }),
    ),
    gridId: Type.Optional(Id),
  },
  strict,
);
export type StandbyRecommendationsQuery = Static<typeof StandbyRecommendationsQuery>;

/** Shares (0..1) of expected demand reached within the first-arrival (3 min) and 5-minute targets. */
export const DemandShares = Type.Object({ demandShare3: Type.Number(), demandShare5: Type.Number() });
export type DemandShares = Static<typeof DemandShares>;

/**
 * Coverage as GET /api/coverage measures it (demand reached by at least one free unit), with the
 * free units where they are now (`before`) and with every recommended unit at its point (`after`).
 */
export const CoverageChangeDto = Type.Object({ before: DemandShares, after: DemandShares });
export type CoverageChangeDto = Static<typeof CoverageChangeDto>;

export const StandbySkipReasonSchema = Type.Enum(['not_driving', 'no_allowed_site'], {
  description:
    'not_driving: posts, foot patrols and drones stay where they are (they still count for coverage); no_allowed_site: no standby site in its home grid or station area',
});

export const StandbyRecommendationDto = Type.Object({
  unitId: Id,
  callSign: Type.String(),
  homeGridId: Type.Union([Id, Type.Null()]),
  /** Where the unit is now, and the grid that lies in (null: outside every grid). */
  lngLat: LngLatTuple,
  gridId: Type.Union([Id, Type.Null()]),
  /** The recommended standby point: a road vertex in the unit's home grid or its station area. */
  point: Type.Object({ lngLat: LngLatTuple, gridId: Id }),
  /** By road from where the unit is; null when not reachable within 30 minutes. */
  travelSeconds: Type.Union([Type.Number(), Type.Null()]),
  /**
   * Expected demand (MEXCLP) this placement adds within 3 and 5 minutes, as a share of the city's
   * demand: its step of the greedy. `expectedGain5` is what a standby order carries as `gain`.
   */
  expectedGain3: Type.Number(),
  expectedGain5: Type.Number(),
  /** The point's grid and the whole city, before and after the plan. */
  grid: CoverageChangeDto,
  city: CoverageChangeDto,
});
export type StandbyRecommendationDto = Static<typeof StandbyRecommendationDto>;

export const StandbyRecommendationsDto = Type.Object({
  /** When the plan was computed (it is cached per site reach, period, demand and fleet). */
  computedAt: IsoTime,
  /** How long computing it took (ms); the same plan served again says so in `cached`. */
  computeMs: Type.Number(),
  cached: Type.Boolean(),
  /** The hours planned for (same shape as GET /api/hotspots). */
  period: HotspotPeriod,
  targetsSeconds: Type.Tuple([Type.Number(), Type.Number()]),
  /** `length`: no incident history, every metre of road weighs alike; else the hot-spot model. */
  demandModel: Type.Enum(['length', 'hotspots']),
  /** MEXCLP's q: the share of time a unit is busy. */
  busyFraction: Type.Number(),
  /** The grid asked for, or null for the whole city. */
  gridId: Type.Union([Id, Type.Null()]),
  city: CoverageChangeDto,
  /** Per grid (or the one asked), in grid order. */
  grids: Type.Array(Type.Object({ gridId: Id, before: DemandShares, after: DemandShares })),
  /** In the greedy's order (largest gain first); with `gridId`, the units whose point or home grid it is. */
  units: Type.Array(StandbyRecommendationDto),
  skipped: Type.Array(
    Type.Object({
      unitId: Id,
      callSign: Type.String(),
      homeGridId: Type.Union([Id, Type.Null()]),
      reason: StandbySkipReasonSchema,
    }),
  ),
});
export type StandbyRecommendationsDto = Static<typeof StandbyRecommendationsDto>;
