/** Runs the response-time review for a period and its predecessor and shapes the JSON report. */
import {
  SEGMENT_NAMES,
  SHARE_NAMES,
  type Counts,
  type DayTrend,
  type Deltas,
  type HourTrend,
  type PeriodSummary,
  type ResolutionByType,
  type ResponseTimeReport,
  type Segments,
  type Shares,
  type ShiftDefinition,
  type SlowIncident,
} from '@dispatch/contracts';
import type { ClockTargets } from '@dispatch/domain';
import type { SqlRunner } from '../db/migrate.js';
import {
  buildFullQuery,
  buildSummaryQuery,
  type PeriodParams,
  type ReportFilters,
} from './response-time-sql.js';

export interface ReportRequest {
  from: Date;
  to: Date;
  timeZone: string;
  asOf: Date;
  targets: ClockTargets;
  filters: Omit<ReportFilters, 'shift'> & { shift?: ShiftDefinition | undefined };
  slowestLimit: number;
}

type Json = Record<string, unknown>;

/** PGlite and pg both parse json columns, but be lenient about text. */
function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function segmentsOf(raw: Json): Segments {
  const out = {} as Segments;
  for (const name of SEGMENT_NAMES) {
    const s = raw[name] as { n: number; pct: (number | null)[] | null; mean: number | null };
    out[name] = { n: s.n, median: num(s.pct?.[0]), p90: num(s.pct?.[1]), mean: num(s.mean) };
  }
  return out;
}

function periodOf(from: Date, to: Date, row: Json): PeriodSummary {
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    counts: json<Counts>(row.counts),
    segments: segmentsOf(json<Json>(row.segments)),
    shares: json<Shares>(row.shares),
  };
}

interface TrendRow {
  incidents: number;
  call_dispatch_median: number | null;
  call_on_scene_pct: (number | null)[] | null;
  dispatch_share: number | null;
  first_arrival_share: number | null;
}

function trendOf(r: TrendRow) {
  return {
    incidents: r.incidents,
    callToDispatchMedian: num(r.call_dispatch_median),
    callToOnSceneMedian: num(r.call_on_scene_pct?.[0]),
    callToOnSceneP90: num(r.call_on_scene_pct?.[1]),
    dispatchShare: num(r.dispatch_share),
    firstArrivalShare: num(r.first_arrival_share),
  };
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

export function deltasOf(current: PeriodSummary, previous: PeriodSummary): Deltas {
  const segments = {} as Deltas['segments'];
  for (const name of SEGMENT_NAMES) {
    const c = current.segments[name];
    const p = previous.segments[name];
    segments[name] = {
      median: diff(c.median, p.median),
      p90: diff(c.p90, p.p90),
      mean: diff(c.mean, p.mean),
    };
  }
  const shares = {} as Deltas['shares'];
  for (const name of SHARE_NAMES)
    shares[name] = diff(current.shares[name].share, previous.shares[name].share);
  return { incidents: current.counts.incidents - previous.counts.incidents, segments, shares };
}

/**
 * One report statement in its own transaction: JIT off (its compile time, seconds on a busy
 * machine, dwarfs the few hundred ms of work; the per-incident subplan inflates the cost estimate
 * past jit_above_cost) and enough work_mem to sort a month of incidents in memory.
 */
async function query(db: SqlRunner, statement: { sql: string; values: unknown[] }): Promise<Json[]> {
  return db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL jit = off; SET LOCAL work_mem = '32MB'`);
    return tx.query<Json>(statement.sql, statement.values);
  });
}

/** The full report: current period in one statement, the previous period's summary in another. */
export async function runResponseTimeReport(
  db: SqlRunner,
  request: ReportRequest,
): Promise<ResponseTimeReport> {
  const span = request.to.getTime() - request.from.getTime();
  const prevFrom = new Date(request.from.getTime() - span);
  const base: Omit<PeriodParams, 'from' | 'to'> = {
    timeZone: request.timeZone,
    asOf: request.asOf,
    targets: request.targets,
    filters: request.filters,
  };
  const full = buildFullQuery({ ...base, from: request.from, to: request.to }, request.slowestLimit);
  const prev = buildSummaryQuery({ ...base, from: prevFrom, to: request.from });
  const [[row], [prevRow]] = await Promise.all([query(db, full), query(db, prev)]);
  if (!row || !prevRow) throw new Error('report query returned no row');
  const current = periodOf(request.from, request.to, row);
  const previous = periodOf(prevFrom, request.from, prevRow);
  const byDay = (json<(TrendRow & { day: string })[] | null>(row.by_day) ?? []).map((r): DayTrend => ({
    day: r.day,
    ...trendOf(r),
  }));
  const byHour = (json<(TrendRow & { hour: number })[] | null>(row.by_hour) ?? []).map((r): HourTrend => ({
    hour: r.hour,
    ...trendOf(r),
  }));
  const slowest = (json<Json[] | null>(row.slowest) ?? []).map((r): SlowIncident => ({
    id: String(r.id),
    number: String(r.number),
    type: r.type as SlowIncident['type'],
    priority: Number(r.priority),
    gridId: (r.grid_id as string | null) ?? null,
    status: r.status as SlowIncident['status'],
    receivedAt: new Date(Number(r.received_ms)).toISOString(),
    callToDispatch: num(r.s_call_dispatch),
    callToOnScene: Number(r.s_call_on_scene),
    onSceneToClear: num(r.s_on_scene_clear),
  }));
  const f = request.filters;
  return {
    asOf: request.asOf.toISOString(),
    timeZone: request.timeZone,
    filters: {
      gridId: f.gridId ?? null,
      type: (f.type as ResponseTimeReport['filters']['type']) ?? null,
      priority: f.priority ?? null,
      shift: f.shift ?? null,
      unitId: f.unitId ?? null,
    },
    current,
    previous,
    deltas: deltasOf(current, previous),
    resolutionByType: json<ResolutionByType[] | null>(row.by_type) ?? [],
    byDay,
    byHour,
    slowest,
  };
}
