/**
 * SQL of the response-time review: one parameterised statement per period, computed entirely in
 * PostgreSQL (percentile_cont, avg, FILTER) over a materialised CTE of the filtered incidents,
 * so PostgreSQL and PGlite produce the same numbers. Definitions: see packages/contracts/src/reports.ts.
 */
import type { ShiftDefinition } from '@dispatch/contracts';
import { ACTIVE_ASSIGNMENT_STATUSES, OPEN_INCIDENT_STATUSES, type ClockTargets } from '@dispatch/domain';
import { minuteOfDay } from './shifts.js';

/** The domain's open statuses as an SQL list (constants, not input). */
const OPEN_STATUSES_SQL = OPEN_INCIDENT_STATUSES.map((status) => `'${status}'`).join(',');

export interface ReportFilters {
  gridId?: string | undefined;
  type?: string | undefined;
  priority?: number | undefined;
  shift?: ShiftDefinition | undefined;
  unitId?: string | undefined;
}

export interface PeriodParams {
  from: Date;
  to: Date;
  timeZone: string;
  /** Clocks still waiting are judged at this instant. */
  asOf: Date;
  targets: ClockTargets;
  filters: ReportFilters;
}

/** Collects positional parameters: `p(value)` returns `$n`. */
class Params {
  readonly values: unknown[] = [];
  p(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

const SEGMENT_COLUMNS = {
  callToDispatch: 's_call_dispatch',
  dispatchToEnRoute: 's_dispatch_en_route',
  enRouteToOnScene: 's_en_route_on_scene',
  callToOnScene: 's_call_on_scene',
  onSceneToClear: 's_on_scene_clear',
} as const;

const ACTIVE_ASSIGNMENT = `(${ACTIVE_ASSIGNMENT_STATUSES.map((s) => `'${s}'`).join(',')})`;

/**
 * Outcome of one 1-3-5 clock as SQL boolean: true met, false missed, NULL not counted (ended
 * before the deadline without the step, or still running at `asOf`). Works on seconds since the
 * call: `reached` (milestone), `ended` (first of resolved/closed) and `asOf`, all float8.
 * The SQL form of the domain's `clockOutcome` (response-clocks.ts), kept for speed;
 * response-time-sql.test.ts proves the two agree on random incidents.
 */
function clockOutcome(reached: string, targetSql: string): string {
  return `CASE
      WHEN ${reached} IS NOT NULL THEN ${reached} <= ${targetSql}
      WHEN r.s_end IS NOT NULL THEN CASE WHEN r.s_end < ${targetSql} THEN NULL ELSE false END
      WHEN r.s_as_of >= ${targetSql} THEN false
    END`;
}

/** The WHERE conditions of the period and filters; `tz` is the time-zone parameter. */
function filterConditions(q: Params, period: PeriodParams, tz: () => string): string[] {
  const { filters } = period;
  const where = [
    `i.received_at >= ${q.p(period.from, 'timestamptz')}`,
    `i.received_at < ${q.p(period.to, 'timestamptz')}`,
  ];
  if (filters.gridId) where.push(`i.grid_id = ${q.p(filters.gridId, 'text')}`);
  if (filters.type) where.push(`i.type = ${q.p(filters.type, 'text')}::"IncidentType"`);
  if (filters.priority !== undefined) where.push(`i.priority = ${q.p(filters.priority, 'int')}`);
  if (filters.shift) {
    // Local wall-clock time of the call within [start, end), wrapping past midnight.
    const local = `(i.received_at AT TIME ZONE ${tz()})::time`;
    const start = q.p(`${filters.shift.start}:00`, 'time');
    const end = q.p(`${filters.shift.end}:00`, 'time');
    where.push(
      minuteOfDay(filters.shift.start) < minuteOfDay(filters.shift.end)
        ? `(${local} >= ${start} AND ${local} < ${end})`
        : `(${local} >= ${start} OR ${local} < ${end})`,
    );
  }
  if (filters.unitId) {
    // Assignments follow the call, so assigned_at >= from bounds the (unit_id, assigned_at) index scan.
    where.push(`i.id IN (SELECT a.incident_id FROM assignment a
      WHERE a.unit_id = ${q.p(filters.unitId, 'text')} AND a.assigned_at >= ${q.p(period.from, 'timestamptz')})`);
  }
  return where;
}

/** `WITH base AS MATERIALIZED (...)`: one row per filtered incident with its derived figures. */
function baseCte(q: Params, period: PeriodParams): string {
  const tz = q.p(period.timeZone, 'text');
  const asOf = q.p(period.asOf, 'timestamptz');
  const where = filterConditions(q, period, () => tz);
  const t = period.targets;
  const dispatchTarget = q.p(t.dispatchSeconds, 'float8');
  const arrivalTarget = q.p(t.firstArrivalSeconds, 'float8');
  const reinforcementTarget = q.p(t.reinforcementSeconds, 'float8');
  // Latest unit clear once no assignment is active; looked up only for incidents that reached the
  // scene, index-only through assignment_report_clear_idx.
  const lastClear = `CASE WHEN i.first_on_scene_at IS NOT NULL THEN (
      SELECT CASE WHEN bool_or(a.status IN ${ACTIVE_ASSIGNMENT}) THEN NULL ELSE max(a.cleared_at) END
      FROM assignment a WHERE a.incident_id = i.id) END`;
  // date_part on the interval works in float8; extract() would go through numeric, twice as slow.
  const secs = (later: string, earlier: string) => `date_part('epoch', (${later}) - (${earlier}))`;
  // The inner query computes each per-incident figure once (OFFSET 0 keeps the planner from
  // inlining it into every reference); the outer one derives the clock outcomes from them.
  return `WITH base AS MATERIALIZED (
    SELECT r.id, r.type, r.status, r.resolution, r.required_units, r.received_at, r.cancelled,
      r.dispatched, r.reached_scene, r.s_call_dispatch, r.s_dispatch_en_route, r.s_en_route_on_scene,
      r.s_call_on_scene, r.s_on_scene_clear,
      ${clockOutcome('r.s_call_dispatch', dispatchTarget)} AS o_dispatch,
      CASE WHEN NOT r.cancelled THEN ${clockOutcome('r.s_call_on_scene', arrivalTarget)} END AS o_first_arrival,
      CASE WHEN NOT r.cancelled AND r.required_units > 1
        THEN ${clockOutcome('r.s_call_reinforced', reinforcementTarget)} END AS o_reinforcement,
      r.local_at::date AS local_day,
      date_part('hour', r.local_at)::int AS local_hour
    FROM (
      SELECT
        i.id, i.type::text AS type, i.status::text AS status, i.resolution::text AS resolution,
        i.required_units, i.received_at,
        (i.status = 'cancelled' OR i.resolution IS NOT DISTINCT FROM 'cancelled') AS cancelled,
        i.first_dispatched_at IS NOT NULL AS dispatched,
        i.first_on_scene_at IS NOT NULL AS reached_scene,
        ${secs('i.first_dispatched_at', 'i.received_at')} AS s_call_dispatch,
        ${secs('i.first_en_route_at', 'i.first_dispatched_at')} AS s_dispatch_en_route,
        ${secs('i.first_on_scene_at', 'i.first_en_route_at')} AS s_en_route_on_scene,
        ${secs('i.first_on_scene_at', 'i.received_at')} AS s_call_on_scene,
        ${secs(`COALESCE(${lastClear}, i.resolved_at)`, 'i.first_on_scene_at')} AS s_on_scene_clear,
        ${secs('i.reinforced_at', 'i.received_at')} AS s_call_reinforced,
        ${secs('LEAST(i.resolved_at, i.closed_at)', 'i.received_at')} AS s_end,
        ${secs(asOf, 'i.received_at')} AS s_as_of,
        i.received_at AT TIME ZONE ${tz} AS local_at
      FROM incident i
      WHERE ${where.join('\n        AND ')}
      OFFSET 0
    ) r
  )`;
}

function shareJson(outcome: string, targetSeconds: number): string {
  const met = `count(*) FILTER (WHERE ${outcome})`;
  const missed = `count(*) FILTER (WHERE NOT ${outcome})`;
  return `json_build_object('targetSeconds', ${Number(targetSeconds)}::float8,
      'met', ${met}::int, 'missed', ${missed}::int,
      'share', CASE WHEN ${met} + ${missed} > 0 THEN (${met})::float8 / (${met} + ${missed}) END)`;
}

function shareValue(outcome: string): string {
  return `CASE WHEN count(${outcome}) > 0
    THEN (count(*) FILTER (WHERE ${outcome}))::float8 / count(${outcome}) END`;
}

/** Counts, segments and shares of the period, as three JSON columns of one row. */
function summarySelect(targets: ClockTargets): string {
  const segments = Object.entries(SEGMENT_COLUMNS)
    .map(([name, column]) => {
      // One sort for both percentiles.
      return `'${name}', json_build_object('n', count(${column})::int,
        'pct', percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY ${column}),
        'mean', avg(${column}))`;
    })
    .join(',\n      ');
  return `SELECT
    json_build_object(
      'incidents', count(*)::int,
      'cancelled', count(*) FILTER (WHERE cancelled)::int,
      'neverDispatched', count(*) FILTER (WHERE NOT dispatched)::int,
      'dispatched', count(*) FILTER (WHERE dispatched)::int,
      'reachedScene', count(*) FILTER (WHERE reached_scene)::int,
      'multiUnit', count(*) FILTER (WHERE required_units > 1)::int,
      'resolvedOnScene', count(*) FILTER (WHERE resolution = 'resolved_on_scene')::int,
      'transferredToCase', count(*) FILTER (WHERE resolution = 'transferred_to_case')::int,
      'open', count(*) FILTER (WHERE status IN (${OPEN_STATUSES_SQL}))::int
    ) AS counts,
    json_build_object(${segments}) AS segments,
    json_build_object(
      'dispatch', ${shareJson('o_dispatch', targets.dispatchSeconds)},
      'firstArrival', ${shareJson('o_first_arrival', targets.firstArrivalSeconds)},
      'reinforcement', ${shareJson('o_reinforcement', targets.reinforcementSeconds)}
    ) AS shares
  FROM base`;
}

const TREND_FIELDS = `count(b.id)::int AS incidents,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY b.s_call_dispatch) AS call_dispatch_median,
      percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY b.s_call_on_scene) AS call_on_scene_pct,
      ${shareValue('b.o_dispatch')} AS dispatch_share,
      ${shareValue('b.o_first_arrival')} AS first_arrival_share`;

/**
 * The per-incident clock outcomes of the base CTE (o_dispatch, o_first_arrival, o_reinforcement:
 * true met, false missed, NULL not counted), so a test can hold the SQL form of the 1-3-5 rule
 * against the domain's `reviewClockOutcomes`. Same CTE as the report statements.
 */
export function buildOutcomeQuery(period: PeriodParams): { sql: string; values: unknown[] } {
  const q = new Params();
  const sql = `${baseCte(q, period)}
  SELECT id, o_dispatch, o_first_arrival, o_reinforcement FROM base ORDER BY id COLLATE "C"`;
  return { sql, values: q.values };
}

/** Summary only (the previous period). */
export function buildSummaryQuery(period: PeriodParams): { sql: string; values: unknown[] } {
  const q = new Params();
  const sql = `${baseCte(q, period)}\n${summarySelect(period.targets)}`;
  return { sql, values: q.values };
}

/** Everything of the current period in one row of JSON columns. */
export function buildFullQuery(
  period: PeriodParams,
  slowestLimit: number,
): { sql: string; values: unknown[] } {
  const q = new Params();
  const cte = baseCte(q, period);
  const tz = q.p(period.timeZone, 'text');
  const from = q.p(period.from, 'timestamptz');
  const to = q.p(period.to, 'timestamptz');
  const limit = q.p(slowestLimit, 'int');
  const sql = `${cte},
  summary AS (${summarySelect(period.targets)}),
  by_type AS (
    SELECT json_agg(json_build_object(
      'type', type, 'incidents', incidents, 'resolvedOnScene', on_scene, 'transferredToCase', transferred,
      'cancelled', cancelled,
      'rate', CASE WHEN on_scene + transferred > 0 THEN on_scene::float8 / (on_scene + transferred) END
    ) ORDER BY type COLLATE "C") AS rows
    FROM (SELECT type, count(*)::int AS incidents,
            count(*) FILTER (WHERE resolution = 'resolved_on_scene')::int AS on_scene,
            count(*) FILTER (WHERE resolution = 'transferred_to_case')::int AS transferred,
            count(*) FILTER (WHERE cancelled)::int AS cancelled
          FROM base GROUP BY type) t
  ),
  days AS (
    SELECT d::date AS day FROM generate_series(
      (${from} AT TIME ZONE ${tz})::date,
      ((${to} - interval '1 millisecond') AT TIME ZONE ${tz})::date,
      interval '1 day') AS d
  ),
  by_day AS (
    SELECT json_agg(row_to_json(x) ORDER BY x.day) AS rows FROM (
      SELECT to_char(days.day, 'YYYY-MM-DD') AS day, ${TREND_FIELDS}
      FROM days LEFT JOIN base b ON b.local_day = days.day GROUP BY days.day) x
  ),
  by_hour AS (
    SELECT json_agg(row_to_json(x) ORDER BY x.hour) AS rows FROM (
      SELECT h AS hour, ${TREND_FIELDS}
      FROM generate_series(0, 23) AS h LEFT JOIN base b ON b.local_hour = h GROUP BY h) x
  ),
  slowest AS (
    SELECT json_agg(row_to_json(x) ORDER BY x.s_call_on_scene DESC, x.id COLLATE "C") AS rows FROM (
      SELECT t.id, i.number, t.type, i.priority, i.grid_id, t.status,
        (extract(epoch FROM t.received_at) * 1000)::float8 AS received_ms,
        t.s_call_dispatch, t.s_call_on_scene, t.s_on_scene_clear
      FROM (SELECT * FROM base WHERE s_call_on_scene IS NOT NULL
            ORDER BY s_call_on_scene DESC, id COLLATE "C" LIMIT ${limit}) t
      JOIN incident i ON i.id = t.id) x
  )
  SELECT summary.counts, summary.segments, summary.shares,
    by_type.rows AS by_type, by_day.rows AS by_day, by_hour.rows AS by_hour, slowest.rows AS slowest
  FROM summary, by_type, by_day, by_hour, slowest`;
  return { sql, values: q.values };
}

/** A plain count over the same period and filters (the benchmark's baseline). */
export function buildCountQuery(period: PeriodParams): { sql: string; values: unknown[] } {
  const q = new Params();
  let tz: string | undefined;
  const where = filterConditions(q, period, () => (tz ??= q.p(period.timeZone, 'text')));
  return { sql: `SELECT count(*)::int AS n FROM incident i WHERE ${where.join(' AND ')}`, values: q.values };
}
