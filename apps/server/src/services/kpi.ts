/** Today's headline figures for the wall screen, computed in SQL over the centre's calendar day. */
import {
  BUSY_UNIT_STATUSES,
  DISPATCHABLE_UNIT_STATUSES,
  OPEN_INCIDENT_STATUSES,
  zonedDay,
  zonedMidnight,
  type ClockTargets,
} from '@dispatch/domain';
import type { SqlRunner } from '../db/migrate.js';
import { buildSummaryQuery } from '../reports/response-time-sql.js';

export interface TodayKpi {
  openIncidents: number;
  breaches: number;
  medianDispatchSeconds: number | null;
  shareOnSceneWithin3: number | null;
  shareOnSceneWithin5: number | null;
  unitsFree: number;
  unitsBusy: number;
}

/** The statuses are the domain's (open incidents, free and busy units), passed in as parameters. */
export class KpiService {
  constructor(
    private readonly runner: SqlRunner,
    private readonly timeZone: string,
    private readonly targets: () => Promise<ClockTargets>,
  ) {}

  /** Today's figures at `now` (epoch ms). */
  async today(now: number): Promise<TodayKpi> {
    const targets = await this.targets();
    const dayStart = new Date(zonedMidnight(zonedDay(now, this.timeZone), this.timeZone));
    const [counts, within3, within5] = await Promise.all([
      todayKpi(this.runner, dayStart),
      this.firstArrivalShare(dayStart, now, targets, targets.firstArrivalSeconds),
      this.firstArrivalShare(dayStart, now, targets, targets.reinforcementSeconds),
    ]);
    return { ...counts, shareOnSceneWithin3: within3, shareOnSceneWithin5: within5 };
  }

  /**
   * Share of today's calls with a unit on scene within `seconds`, judged by the review's SQL, which
   * a property test holds to the domain's clock outcome: an incident still waiting past the target
   * has missed it; one that ended before the target without anybody on scene never owed it.
   */
  private async firstArrivalShare(
    from: Date,
    now: number,
    targets: ClockTargets,
    seconds: number,
  ): Promise<number | null> {
    const { sql, values } = buildSummaryQuery({
      from,
      to: new Date(now + 1),
      timeZone: this.timeZone,
      asOf: new Date(now),
      targets: { ...targets, firstArrivalSeconds: seconds },
      filters: {},
    });
    const [row] = await this.runner.query<{ shares: { firstArrival: { share: number | null } } | string }>(
      sql,
      values,
    );
    const shares = typeof row?.shares === 'string' ? JSON.parse(row.shares) : row?.shares;
    return shares?.firstArrival?.share ?? null;
  }
}

/** Counts since `dayStart` (the centre's local midnight) and of the fleet now. */
async function todayKpi(
  runner: SqlRunner,
  dayStart: Date,
): Promise<Omit<TodayKpi, 'shareOnSceneWithin3' | 'shareOnSceneWithin5'>> {
  const [row] = await runner.query<Record<string, number | string | null>>(
    `WITH day AS (SELECT $1::timestamptz AS start),
   today AS (SELECT * FROM incident, day WHERE received_at >= day.start AND status <> 'cancelled')
   SELECT
     (SELECT count(*) FROM incident WHERE status::text = ANY($2::text[]))::int AS open_incidents,
     (SELECT count(*) FROM clock_breach, day WHERE deadline >= day.start)::int AS breaches,
     (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_dispatched_at - received_at)) FROM today WHERE first_dispatched_at IS NOT NULL) AS median_dispatch,
     (SELECT count(*) FROM unit WHERE status::text = ANY($3::text[]))::int AS units_free,
     (SELECT count(*) FROM unit WHERE status::text = ANY($4::text[]))::int AS units_busy`,
    [dayStart, [...OPEN_INCIDENT_STATUSES], [...DISPATCHABLE_UNIT_STATUSES], [...BUSY_UNIT_STATUSES]],
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    openIncidents: Number(row?.open_incidents ?? 0),
    breaches: Number(row?.breaches ?? 0),
    medianDispatchSeconds: num(row?.median_dispatch),
    unitsFree: Number(row?.units_free ?? 0),
    unitsBusy: Number(row?.units_busy ?? 0),
  };
}
