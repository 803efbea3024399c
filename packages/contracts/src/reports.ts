/**
 * TypeBox schemas of the response-time review (query, JSON report, shifts): the server validates
 * and documents its routes with them, the web console reads the same `Static` types.
 *
 * Definitions (all durations in seconds, from the incident's first-set milestones):
 * - Population: incidents whose `received_at` lies in [from, to) and match every filter.
 *   `unitId` keeps incidents on which that unit had any assignment; the figures stay
 *   incident-level (first unit dispatched / en route / on scene), so one unit's filter answers
 *   "how fast were the incidents this unit worked served".
 * - Segments: callToDispatch = first_dispatched_at - received_at; dispatchToEnRoute =
 *   first_en_route_at - first_dispatched_at; enRouteToOnScene = first_on_scene_at -
 *   first_en_route_at; callToOnScene = first_on_scene_at - received_at; onSceneToClear =
 *   clear - first_on_scene_at where clear is the latest `cleared_at` of the incident's
 *   assignments once none of them is active any more, otherwise `resolved_at` (none: excluded).
 *   Each segment uses every incident (cancelled ones included) where both ends exist; missing
 *   milestones simply drop the incident from that segment (`n` tells how many were used).
 *   median / p90 = percentile_cont(0.5 / 0.9); mean = avg.
 * - Shares (the 1-3-5 targets of Setting 'clock.targets'), judged like the live clocks at `asOf`:
 *   met = milestone - received_at <= target; missed = milestone later than the target, or never
 *   reached although the incident was not ended (resolved/closed/cancelled) before its deadline
 *   and the deadline has passed. Not counted: ended before the deadline without the step (never
 *   owed), or still within the target at `asOf` (running). share = met / (met + missed).
 *   - dispatch (1 min): milestone first_dispatched_at; cancelled incidents count (a caller who
 *     waited past the deadline was failed even if the call was cancelled later).
 *   - firstArrival (3 min): first_on_scene_at; cancelled incidents are excluded.
 *   - reinforcement (5 min): reinforced_at (the second distinct unit on scene, checkpoint units
 *     not counted); only incidents whose plan requires more than one unit; cancelled incidents
 *     are excluded.
 *   The rule itself is the domain's (`reviewClockOutcomes` in packages/domain/src/response-clocks.ts);
 *   the server's SQL restates it for speed and a property test holds the two equal.
 * - Cancelled: status 'cancelled' or resolution 'cancelled'.
 * - Resolution by type: resolvedOnScene / (resolvedOnScene + transferredToCase); incidents still
 *   open or cancelled are not in the denominator.
 * - Days and hours are calendar days / hours of the centre's time zone; a shift is the
 *   local clock time of `received_at` within [start, end) (wrapping past midnight).
 * - Previous period: the same filters over [from - (to - from), from); deltas = current - previous.
 * - Slowest: incidents that reached the scene, by callToOnScene descending.
 */
import Type, { type Static } from 'typebox';
import { Id, IncidentStatusSchema, IncidentTypeSchema, PrioritySchema } from './primitives.js';

const Num = Type.Union([Type.Number(), Type.Null()]);

const ShiftId = Type.String({ pattern: '^[a-z][a-z0-9_-]{0,31}$', description: 'stable key, e.g. day' });

export const ShiftDefinition = Type.Object(
  {
    id: ShiftId,
    name: Type.String({ minLength: 1, maxLength: 40, description: 'label shown to users' }),
    start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM local time' }),
    end: Type.String({
      pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
      description: 'HH:MM local time, exclusive; earlier than start = ends the next day',
    }),
  },
  { additionalProperties: false },
);
export type ShiftDefinition = Static<typeof ShiftDefinition>;

export const ShiftsBody = Type.Array(ShiftDefinition, { minItems: 1, maxItems: 8 });
export type ShiftsBody = Static<typeof ShiftsBody>;

export const ReportQuery = Type.Object(
  {
    from: Type.String({ format: 'date-time', description: 'inclusive start (ISO 8601 with offset)' }),
    to: Type.String({ format: 'date-time', description: 'exclusive end; at most 366 days after from' }),
    gridId: Type.Optional(Id),
    type: Type.Optional(IncidentTypeSchema),
    priority: Type.Optional(PrioritySchema),
    shift: Type.Optional(ShiftId),
    unitId: Type.Optional(Id),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 200, default: 20, description: 'slowest incidents' }),
    ),
  },
  { additionalProperties: false },
);
export type ReportQuery = Static<typeof ReportQuery>;

export const ExportQuery = Type.Object(
  {
    ...ReportQuery.properties,
    format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
    lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

export const SegmentStats = Type.Object({
  n: Type.Integer({ description: 'incidents with both milestones' }),
  median: Num,
  p90: Num,
  mean: Num,
});
export type SegmentStats = Static<typeof SegmentStats>;

export const SEGMENT_NAMES = [
  'callToDispatch',
  'dispatchToEnRoute',
  'enRouteToOnScene',
  'callToOnScene',
  'onSceneToClear',
] as const;
export type SegmentName = (typeof SEGMENT_NAMES)[number];

export const Segments = Type.Object({
  callToDispatch: SegmentStats,
  dispatchToEnRoute: SegmentStats,
  enRouteToOnScene: SegmentStats,
  callToOnScene: SegmentStats,
  onSceneToClear: SegmentStats,
});
export type Segments = Static<typeof Segments>;

export const ShareStats = Type.Object({
  targetSeconds: Type.Number(),
  met: Type.Integer(),
  missed: Type.Integer(),
  /** met / (met + missed); null when nothing was owed. */
  share: Num,
});
export type ShareStats = Static<typeof ShareStats>;

export const SHARE_NAMES = ['dispatch', 'firstArrival', 'reinforcement'] as const;
export type ShareName = (typeof SHARE_NAMES)[number];

export const Shares = Type.Object({
  dispatch: ShareStats,
  firstArrival: ShareStats,
  reinforcement: ShareStats,
});
export type Shares = Static<typeof Shares>;

export const Counts = Type.Object({
  incidents: Type.Integer(),
  cancelled: Type.Integer(),
  neverDispatched: Type.Integer(),
  dispatched: Type.Integer(),
  reachedScene: Type.Integer(),
  multiUnit: Type.Integer({ description: 'plan requires more than one unit' }),
  resolvedOnScene: Type.Integer(),
  transferredToCase: Type.Integer(),
  open: Type.Integer(),
});
export type Counts = Static<typeof Counts>;

export const PeriodSummary = Type.Object({
  from: Type.String(),
  to: Type.String(),
  counts: Counts,
  segments: Segments,
  shares: Shares,
});
export type PeriodSummary = Static<typeof PeriodSummary>;

export const ResolutionByType = Type.Object({
  type: IncidentTypeSchema,
  incidents: Type.Integer(),
  resolvedOnScene: Type.Integer(),
  transferredToCase: Type.Integer(),
  cancelled: Type.Integer(),
  rate: Num,
});
export type ResolutionByType = Static<typeof ResolutionByType>;

const TrendFields = {
  incidents: Type.Integer(),
  callToDispatchMedian: Num,
  callToOnSceneMedian: Num,
  callToOnSceneP90: Num,
  dispatchShare: Num,
  firstArrivalShare: Num,
};
export const DayTrend = Type.Object({
  day: Type.String({ description: 'YYYY-MM-DD local' }),
  ...TrendFields,
});
export type DayTrend = Static<typeof DayTrend>;
export const HourTrend = Type.Object({ hour: Type.Integer({ minimum: 0, maximum: 23 }), ...TrendFields });
export type HourTrend = Static<typeof HourTrend>;

export const SlowIncident = Type.Object({
  id: Type.String(),
  number: Type.String(),
  type: IncidentTypeSchema,
  priority: Type.Integer(),
  gridId: Type.Union([Type.String(), Type.Null()]),
  status: IncidentStatusSchema,
  receivedAt: Type.String({ format: 'date-time' }),
  callToDispatch: Num,
  callToOnScene: Type.Number(),
  onSceneToClear: Num,
});
export type SlowIncident = Static<typeof SlowIncident>;

const Delta = Type.Object({ median: Num, p90: Num, mean: Num });
export const Deltas = Type.Object({
  incidents: Type.Integer(),
  segments: Type.Object({
    callToDispatch: Delta,
    dispatchToEnRoute: Delta,
    enRouteToOnScene: Delta,
    callToOnScene: Delta,
    onSceneToClear: Delta,
  }),
  shares: Type.Object({ dispatch: Num, firstArrival: Num, reinforcement: Num }),
});
export type Deltas = Static<typeof Deltas>;

export const ResponseTimeReport = Type.Object({
  asOf: Type.String({ format: 'date-time', description: 'running clocks were judged at this instant' }),
  timeZone: Type.String(),
  filters: Type.Object({
    gridId: Type.Union([Type.String(), Type.Null()]),
    type: Type.Union([IncidentTypeSchema, Type.Null()]),
    priority: Type.Union([Type.Integer(), Type.Null()]),
    shift: Type.Union([ShiftDefinition, Type.Null()]),
    unitId: Type.Union([Type.String(), Type.Null()]),
  }),
  current: PeriodSummary,
  previous: PeriodSummary,
  deltas: Deltas,
  resolutionByType: Type.Array(ResolutionByType),
  byDay: Type.Array(DayTrend),
  byHour: Type.Array(HourTrend),
  slowest: Type.Array(SlowIncident),
});
export type ResponseTimeReport = Static<typeof ResponseTimeReport>;
