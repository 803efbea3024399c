/**
 * Response-time review over 1,000,000 incidents on PostgreSQL.
 *
 *   pnpm --filter @dispatch/server bench:report            (DATABASE_URL defaults to the local server)
 *   BENCH_INCIDENTS=200000 BENCH_RUNS=60 pnpm --filter @dispatch/server bench:report
 *
 * Creates a fresh database, applies the migrations, fills a year of incidents and assignments with
 * generate_series SQL, runs VACUUM ANALYZE, then times the full report (current period, previous
 * period, trends, slowest) over varied ranges and filters, printing median and p99. Baselines in
 * the same run: a plain COUNT over the same range and filters, and the report again without the
 * report indexes of migration 20261123170000_add_report_indexes. The database is dropped at the end.
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import pg from 'pg';
import { DEFAULT_CLOCK_TARGETS } from '@dispatch/domain';
import { openDatabase } from '../src/db/database.js';
import type { SqlRunner } from '../src/db/migrate.js';
import { runResponseTimeReport } from '../src/reports/response-time-report.js';
import { buildCountQuery, type ReportFilters } from '../src/reports/response-time-sql.js';
import { DEFAULT_SHIFTS } from '../src/reports/shifts.js';
import { loadAverage } from './lib/stats.js';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const TZ = 'Asia/Shanghai';
const START = Date.parse('2026-01-01T00:00:00+08:00');
const YEAR_MS = 365 * 86_400_000;
const END = START + YEAR_MS;
const DAY = 86_400_000;

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const result = await work();
  return [result, performance.now() - t0];
};

function quantile(sorted: readonly number[], p: number): number {
  const row = p * (sorted.length - 1);
  const lo = Math.floor(row);
  const hi = Math.ceil(row);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (row - lo);
}

function describeTimes(label: string, times: number[]): string {
  const s = [...times].sort((a, b) => a - b);
  return `${label.padEnd(34)} n=${s.length}  median ${quantile(s, 0.5).toFixed(1)} ms  p99 ${quantile(s, 0.99).toFixed(1)} ms  max ${(s[s.length - 1] ?? 0).toFixed(1)} ms`;
}

async function fill(db: SqlRunner): Promise<void> {
  await db.exec(`SET synchronous_commit = off`);
  // Bulk load without secondary indexes, then build them once (as a restore would).
  const indexes = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE tablename IN ('incident', 'assignment') AND indexname NOT LIKE '%\\_pkey' ESCAPE '\\'`,
  );
  for (const { indexname } of indexes) await db.exec(`DROP INDEX "${indexname}"`);
  await fillRows(db);
  await db.exec(`SET maintenance_work_mem = '512MB'`);
  for (const { indexdef } of indexes) await db.exec(indexdef);
}

async function fillRows(db: SqlRunner): Promise<void> {
  await db.exec(`SELECT setseed(0.135)`);
  await db.exec(`INSERT INTO grid (id, code, name, polygon, updated_at)
    SELECT 'g' || g, 'G' || g, 'Grid ' || g, '{"type":"Polygon","coordinates":[]}', now()
    FROM generate_series(1, 60) g`);
  await db.exec(`INSERT INTO unit (id, call_sign, kind, status, updated_at)
    SELECT 'u' || g, 'U' || g, 'patrol_car', 'available', now() FROM generate_series(1, 1500) g`);
  // One incident every ~31.5 s over the year; milestones drawn per scenario (r):
  // < 0.03 cancelled before dispatch, < 0.05 resolved by phone, < 0.08 dispatched then cancelled,
  // otherwise served; 20 % need two units.
  await db.exec(`INSERT INTO incident (id, number, type, priority, lng, lat, grid_id, status, resolution,
      required_units, received_at, first_dispatched_at, first_en_route_at, first_on_scene_at, reinforced_at,
      resolved_at, closed_at, updated_at)
    SELECT 'i' || g, '110-' || g,
      (enum_range(NULL::"IncidentType"))[1 + floor(random() * 12)::int], 1 + floor(random() * 4)::int,
      120.1, 30.2, 'g' || (1 + floor(random() * 60)::int),
      CASE WHEN r < 0.03 OR (r >= 0.05 AND r < 0.08) THEN 'cancelled' WHEN r < 0.05 THEN 'resolved' ELSE 'closed' END::"IncidentStatus",
      CASE WHEN r < 0.03 OR (r >= 0.05 AND r < 0.08) THEN 'cancelled' WHEN r < 0.05 OR random() < 0.3
        THEN 'transferred_to_case' ELSE 'resolved_on_scene' END::"Resolution",
      CASE WHEN two THEN 2 ELSE 1 END,
      t,
      CASE WHEN r >= 0.05 THEN t + d END,
      CASE WHEN r >= 0.05 THEN t + d + e END,
      CASE WHEN r >= 0.08 THEN t + d + e + a END,
      CASE WHEN r >= 0.08 AND two THEN t + d + e + a + x END,
      CASE WHEN r >= 0.03 AND r < 0.05 THEN t + interval '3 minutes' WHEN r >= 0.08 THEN t + d + e + a + w END,
      CASE WHEN r < 0.03 THEN t + interval '40 seconds' WHEN r < 0.08 THEN t + d + e + interval '5 minutes'
        ELSE t + d + e + a + w + interval '10 minutes' END,
      now()
    FROM (
      SELECT g, random() AS r, random() < 0.2 AS two, random() * interval '400 seconds' AS x,
        to_timestamp(${START / 1000}) + (g - 1) * (interval '365 days' / ${INCIDENTS}) + random() * interval '20 seconds' AS t,
        (5 + random() * 120) * interval '1 second' AS d,
        (2 + random() * 60) * interval '1 second' AS e,
        (30 + random() * random() * 900) * interval '1 second' AS a,
        (60 + random() * 3600) * interval '1 second' AS w
      FROM generate_series(1, ${INCIDENTS}) g
    ) s`);
  // First unit: every dispatched incident; second unit for two-unit plans that were served.
  await db.exec(`INSERT INTO assignment (id, incident_id, unit_id, status, assigned_at, en_route_at, on_scene_at,
      cleared_at, cancelled_at)
    SELECT i.id || '-1', i.id, 'u' || (1 + floor(random() * 1500)::int),
      CASE WHEN i.first_on_scene_at IS NULL THEN 'cancelled' ELSE 'cleared' END::"AssignmentStatus",
      i.first_dispatched_at, i.first_en_route_at, i.first_on_scene_at,
      i.resolved_at - random() * interval '60 seconds',
      CASE WHEN i.first_on_scene_at IS NULL THEN i.closed_at END
    FROM incident i WHERE i.first_dispatched_at IS NOT NULL`);
  await db.exec(`INSERT INTO assignment (id, incident_id, unit_id, status, assigned_at, en_route_at, on_scene_at,
      cleared_at)
    SELECT i.id || '-2', i.id, 'u' || (1 + floor(random() * 1500)::int), 'cleared',
      i.first_dispatched_at + interval '20 seconds', i.first_en_route_at + interval '20 seconds',
      i.reinforced_at, i.resolved_at
    FROM incident i WHERE i.reinforced_at IS NOT NULL`);
}

interface Scenario {
  name: string;
  days: number;
  filters: ReportFilters;
}

async function main() {
  // BENCH_REUSE=<database> keeps a filled database between runs (for tuning); normally fresh.
  const reuse = process.env.BENCH_REUSE;
  const name = reuse ?? `dispatch_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  try {
    let fillMs = 0;
    let vacuumMs = 0;
    if (!exists) {
      console.log(`database ${name}: filling ${INCIDENTS.toLocaleString('en')} incidents...`);
      [, fillMs] = await timed(() => db.runner.transaction((tx) => fill(tx)));
      [, vacuumMs] = await timed(() => db.runner.exec('VACUUM ANALYZE'));
    }
    const [[counts]] = await Promise.all([
      db.runner.query<{ incidents: number; assignments: number }>(
        `SELECT (SELECT count(*) FROM incident)::int AS incidents, (SELECT count(*) FROM assignment)::int AS assignments`,
      ),
    ]);
    console.log(
      `filled ${counts?.incidents} incidents, ${counts?.assignments} assignments in ${(fillMs / 1000).toFixed(1)} s; VACUUM ANALYZE ${(vacuumMs / 1000).toFixed(1)} s`,
    );
    const [{ unit_id: busyUnit } = { unit_id: 'u1' }] = await db.runner.query<{ unit_id: string }>(
      `SELECT unit_id FROM assignment GROUP BY unit_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const scenarios: Scenario[] = [
      { name: 'day, all', days: 1, filters: {} },
      { name: 'week, all', days: 7, filters: {} },
      { name: '30 days, all', days: 30, filters: {} },
      { name: '30 days, grid', days: 30, filters: { gridId: 'g7' } },
      { name: '30 days, type', days: 30, filters: { type: 'theft' } },
      { name: '30 days, priority 1', days: 30, filters: { priority: 1 } },
      { name: '30 days, night shift', days: 30, filters: { shift: DEFAULT_SHIFTS[1] } },
      { name: '30 days, unit', days: 30, filters: { unitId: busyUnit } },
      { name: 'week, grid + day shift', days: 7, filters: { gridId: 'g3', shift: DEFAULT_SHIFTS[0] } },
      { name: '90 days, grid', days: 90, filters: { gridId: 'g11' } },
    ];
    // Range ends vary over the year so that each run reads other pages.
    const plan = Array.from({ length: RUNS }, (_, k) => {
      const scenario = scenarios[k % scenarios.length] as Scenario;
      const to = START + (120 + ((k * 37) % 240)) * DAY;
      return { scenario, from: new Date(to - scenario.days * DAY), to: new Date(to) };
    });
    // The report and its COUNT baseline read the same range with the same filters.
    const queryOf = (p: (typeof plan)[number]) => ({
      from: p.from,
      to: p.to,
      timeZone: TZ,
      asOf: new Date(END),
      targets: DEFAULT_CLOCK_TARGETS,
      filters: p.scenario.filters,
    });
    const report = (p: (typeof plan)[number]) =>
      runResponseTimeReport(db.runner, { ...queryOf(p), slowestLimit: 20 });
    const count = (p: (typeof plan)[number]) => {
      const { sql, values } = buildCountQuery(queryOf(p));
      return db.runner.query(sql, values);
    };
    const run = async (label: string, work: (p: (typeof plan)[number]) => Promise<unknown>) => {
      for (const p of plan.slice(0, scenarios.length)) await work(p); // warm-up: one of each
      const times: number[] = [];
      const byScenario = new Map<string, number[]>();
      for (const p of plan) {
        const [, ms] = await timed(() => work(p));
        times.push(ms);
        byScenario.set(p.scenario.name, [...(byScenario.get(p.scenario.name) ?? []), ms]);
      }
      console.log(describeTimes(label, times));
      return byScenario;
    };

    const sample = await report({
      scenario: scenarios[2] as Scenario,
      from: new Date(START + 120 * DAY),
      to: new Date(START + 150 * DAY),
    });
    console.log(
      `sample (30 days): ${sample.current.counts.incidents} incidents, call->on scene median ${sample.current.segments.callToOnScene.median?.toFixed(1)} s, 3-min share ${((sample.current.shares.firstArrival.share ?? 0) * 100).toFixed(1)} %`,
    );
    // CPU calibration: how busy this machine is (about 0.25 s for 3M rows on an idle modern core).
    const calibration: number[] = [];
    for (let k = 0; k < 3; k++) {
      const [, ms] = await timed(() =>
        db.runner.transaction(async (tx) => {
          await tx.exec('SET LOCAL jit = off');
          await tx.query('SELECT count(*) FROM generate_series(1, 3000000)');
        }),
      );
      calibration.push(ms);
    }
    console.log(
      `calibration: SELECT count(*) FROM generate_series(1, 3000000) min ${Math.min(...calibration).toFixed(0)} ms; load average ${loadAverage()} on ${cpus().length} CPUs`,
    );
    const withIndexes = await run('report (with report indexes)', report);
    for (const [scenario, times] of withIndexes) console.log(`  ${describeTimes(scenario, times)}`);
    await run('baseline: COUNT(*) over the range', count);
    const reportIndexes = await db.runner.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%\\_report\\_%' ESCAPE '\\'`,
    );
    if (reportIndexes.length > 0) {
      // Last step; a reused database gets them back.
      for (const { indexname } of reportIndexes) await db.runner.exec(`DROP INDEX "${indexname}"`);
      await db.runner.exec('ANALYZE');
      await run(`baseline: report without ${reportIndexes.map((i) => i.indexname).join(', ')}`, report);
      if (reuse) for (const { indexdef } of reportIndexes) await db.runner.exec(indexdef);
    }
  } finally {
    await db.close();
    if (!reuse) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

await main();
