/** Today's headline figures for the wall screen, computed in SQL over the centre's calendar day. */
import {
  BUSY_UNIT_STATUSES,
  DISPATCHABLE_UNIT_STATUSES,
  OPEN_INCIDENT_STATUSES,
  type ClockTargets,
} from '@dispatch/domain';
import type { SqlRunner } from '../db/migrate.js';

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

  async today(): Promise<TodayKpi> {
    return todayKpi(this.runner, this.timeZone, await this.targets());
  }
}

async function todayKpi(runner: SqlRunner, tz: string, targets: ClockTargets): Promise<TodayKpi> {
  // An incident still waiting past a target has already missed it: it counts in the
  // denominator before any unit arrives, so a bad hour is not hidden until the units get there.
  const [row] = await runner.query<Record<string, number | string | null>>(
    `WITH day AS (SELECT (date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1) AS start),
   today AS (SELECT * FROM incident, day WHERE received_at >= day.start AND status <> 'cancelled')
   SELECT
     (SELECT count(*) FROM incident WHERE status::text = ANY($4::text[]))::int AS open_incidents,
     (SELECT count(*) FROM clock_breach, day WHERE deadline >= day.start)::int AS breaches,
     (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_dispatched_at - received_at)) FROM today WHERE first_dispatched_at IS NOT NULL) AS median_dispatch,
     (SELECT avg(CASE WHEN first_on_scene_at - received_at <= make_interval(secs => $2) THEN 1.0 ELSE 0.0 END)
        FROM today WHERE first_on_scene_at IS NOT NULL OR now() - received_at > make_interval(secs => $2)) AS within3,
     (SELECT avg(CASE WHEN first_on_scene_at - received_at <= make_interval(secs => $3) THEN 1.0 ELSE 0.0 END)
        FROM today WHERE first_on_scene_at IS NOT NULL OR now() - received_at > make_interval(secs => $3)) AS within5,
     (SELECT count(*) FROM unit WHERE status::text = ANY($5::text[]))::int AS units_free,
     (SELECT count(*) FROM unit WHERE status::text = ANY($6::text[]))::int AS units_busy`,
    [
      tz,
      targets.firstArrivalSeconds,
      targets.reinforcementSeconds,
      [...OPEN_INCIDENT_STATUSES],
      [...DISPATCHABLE_UNIT_STATUSES],
      [...BUSY_UNIT_STATUSES],
    ],
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    openIncidents: Number(row?.open_incidents ?? 0),
    breaches: Number(row?.breaches ?? 0),
    medianDispatchSeconds: num(row?.median_dispatch),
    shareOnSceneWithin3: num(row?.within3),
    shareOnSceneWithin5: num(row?.within5),
    unitsFree: Number(row?.units_free ?? 0),
    unitsBusy: Number(row?.units_busy ?? 0),
  };
}
