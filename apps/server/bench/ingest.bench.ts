/**
 * `pnpm --filter @dispatch/server bench:ingest`: sustained position ingest with persistence, through
 * the public paths (unit terminals on Socket.IO, vehicle gateways on POST /api/units/positions),
 * against a baseline in the same run: one INSERT per report through Prisma.
 *
 * The rate that counts is rows written to position_sample per second (counted per 1 s window;
 * the total is checked against COUNT(*) at the end). Flush latency is the time of one buffered
 * write (INSERT of the samples + UPDATE of the last positions, one transaction).
 * Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres; a fresh database
 * is created and dropped), BENCH_UNITS (2000), BENCH_SOCKETS (400), BENCH_SECONDS (20 per phase),
 * BENCH_SOCKET_HZ (5),
 * BENCH_REST_RATE (20000 reports/s offered), BENCH_BATCH (500 reports per POST), BENCH_WORKERS (4).
 */
import { cpus } from 'node:os';
import { startBenchServer, type BenchServer } from './lib/bench-server.js';
import type { WorkerUnit, WorkerStats } from './lib/load-worker.js';
import { clock, loadAverage, ms, percentile, sleep, summarize, table } from './lib/stats.js';
import { LoadWorker, mergeStats } from './lib/workers.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const UNITS = env('BENCH_UNITS', 2000);
const SECONDS = env('BENCH_SECONDS', 20);
const SOCKET_HZ = env('BENCH_SOCKET_HZ', 5);
const REST_RATE = env('BENCH_REST_RATE', 20_000);
const BATCH = env('BENCH_BATCH', 500);
const WORKERS = env('BENCH_WORKERS', 4);
/**
 * Unit terminals on Socket.IO. Fewer than the units by default: the server builds a full snapshot
 * for every connecting socket (about 2 connections/s with 2,000 units on the 2-core machine), and
 * the socket path's throughput is what is measured here, not the connection storm.
 */
const SOCKETS = Math.min(UNITS, env('BENCH_SOCKETS', 400));
const WARMUP_SECONDS = 3;
/** Rates are counted per window; a flush lands whole, so windows shorter than a flush read 0. */
const WINDOW_SECONDS = 2;
const TARGET_PER_SECOND = 10_000;

interface Flush {
  at: number;
  ms: number;
  rows: number;
}

interface PhaseResult {
  name: string;
  offered: number;
  windowRates: number[];
  writtenPerSecond: number;
  acceptedPerSecond: number;
  /** Reports refused because the backlog was full (503 OVERLOADED, Retry-After). */
  refusedPerSecond: number;
  flushes: Flush[];
  backlog: number;
  fleet: WorkerStats;
}

/** Times every buffered write of the server's PositionIngest (a private method, wrapped here only). */
function instrumentFlushes(server: BenchServer): Flush[] {
  const flushes: Flush[] = [];
  const ingest = server.app.services.positions as unknown as { write(batch: unknown[]): Promise<void> };
  const write = ingest.write.bind(ingest);
  ingest.write = async (batch) => {
    const at = clock();
    await write(batch);
    flushes.push({ at, ms: clock() - at, rows: batch.length });
  };
  return flushes;
}

async function baselinePrisma(server: BenchServer, seconds: number) {
  const prisma = server.database.prisma;
  const unitIds = server.units.map((u) => u.id);
  const until = clock() + seconds * 1000;
  let rows = 0;
  const latencies: number[] = [];
  // As many concurrent writers as the pool has connections (createTestDatabase: 20).
  await Promise.all(
    Array.from({ length: 20 }, async (_, lane) => {
      let i = lane;
      while (clock() < until) {
        const t = clock();
        await prisma.positionSample.create({
          data: {
            unitId: unitIds[i++ % unitIds.length]!,
            at: new Date(),
            lng: 120.15 + Math.random() * 0.05,
            lat: 30.25 + Math.random() * 0.05,
            headingDeg: 90,
            speedMps: 8,
          },
        });
        latencies.push(clock() - t);
        rows += 1;
      }
    }),
  );
  return { rowsPerSecond: rows / seconds, rows, latency: summarize(latencies) };
}

async function phase(
  server: BenchServer,
  workers: LoadWorker[],
  flushes: Flush[],
  name: string,
  load: { socketHz: number; restRate: number },
): Promise<PhaseResult> {
  const stats = server.app.services.positions.stats;
  await Promise.all(workers.map((w) => w.stats(true)));
  const shares = workers.map((_, i) =>
    server.units.filter((__, j) => j % workers.length === i).map((u) => u.id),
  );
  for (const w of workers) w.send({ type: 'positions', hz: load.socketHz });
  if (load.restRate > 0)
    workers.forEach((w, i) =>
      w.send({
        type: 'gateway',
        url: server.url,
        token: server.adminToken,
        unitIds: shares[i]!,
        reportsPerSecond: load.restRate / workers.length,
        batchSize: BATCH,
        concurrency: 4,
      }),
    );
  await sleep(WARMUP_SECONDS * 1000);
  const started = clock();
  const acceptedBefore = stats.accepted;
  const refusedBefore = stats.refused;
  const flushFrom = flushes.length;
  const windowRates: number[] = [];
  const writtenBefore = stats.written;
  let last = stats.written;
  for (let s = 0; s < Math.max(1, Math.round(SECONDS / WINDOW_SECONDS)); s++) {
    await sleep(started + (s + 1) * WINDOW_SECONDS * 1000 - clock());
    windowRates.push((stats.written - last) / WINDOW_SECONDS);
    last = stats.written;
  }
  const elapsed = (clock() - started) / 1000;
  const writtenPerSecond = (stats.written - writtenBefore) / elapsed;
  const acceptedPerSecond = (stats.accepted - acceptedBefore) / elapsed;
  const refusedPerSecond = (stats.refused - refusedBefore) / elapsed;
  const backlog = stats.accepted - stats.written;
  for (const w of workers) {
    w.send({ type: 'positions', hz: 0 });
    w.send({
      type: 'gateway',
      url: server.url,
      token: '',
      unitIds: [],
      reportsPerSecond: 0,
      batchSize: 0,
      concurrency: 0,
    });
  }
  const fleet = mergeStats(await Promise.all(workers.map((w) => w.stats())));
  // Drain the buffer before the next phase, so no phase is credited with another's backlog.
  await sleep(500);
  const drainUntil = clock() + 120_000;
  while (stats.written < stats.accepted && clock() < drainUntil) {
    await server.app.services.positions.flush();
    await sleep(50);
  }
  return {
    name,
    offered: SOCKETS * load.socketHz + load.restRate,
    windowRates,
    writtenPerSecond,
    acceptedPerSecond,
    refusedPerSecond,
    flushes: flushes.slice(flushFrom),
    backlog,
    fleet,
  };
}

async function main() {
  console.log(
    `ingest bench: ${UNITS} units, ${SECONDS} s per phase; machine: ${cpus().length} CPUs, load average ${loadAverage()}`,
  );
  const server = await startBenchServer({ units: UNITS });
  const flushes = instrumentFlushes(server);
  const workers = Array.from({ length: WORKERS }, (_, i) => new LoadWorker(`fleet-${i}`, () => undefined));
  // Ctrl-C still drops the database and stops the workers.
  process.once('SIGINT', () => {
    console.error('interrupted: cleaning up');
    void Promise.all(workers.map((w) => w.exit()))
      .then(() => server.close())
      .finally(() => process.exit(130));
  });
  try {
    console.log('baseline: one INSERT per report through Prisma (20 concurrent writers)');
    const samplesBefore = await server.database.prisma.positionSample.count();
    const baseline = await baselinePrisma(server, Math.min(10, SECONDS));
    const baselineRows = (await server.database.prisma.positionSample.count()) - samplesBefore;

    const shares: WorkerUnit[][] = workers.map(() => []);
    server.units.slice(0, SOCKETS).forEach((u, i) => shares[i % WORKERS]!.push(u));
    const connected = await Promise.all(
      workers.map((w, i) =>
        w.request({ type: 'connect', url: server.url, units: shares[i]!, concurrency: 10 }, 'connected'),
      ),
    );
    console.log(
      `connected ${connected.reduce((a, c) => a + c.sockets, 0)} unit terminals in ${Math.max(...connected.map((c) => c.ms)).toFixed(0)} ms`,
    );
    const phases: PhaseResult[] = [];
    console.log(`phase 1: ${SOCKETS} terminals on Socket.IO at ${SOCKET_HZ} Hz`);
    phases.push(
      await phase(server, workers, flushes, `socket, ${SOCKET_HZ} Hz x ${SOCKETS}`, {
        socketHz: SOCKET_HZ,
        restRate: 0,
      }),
    );
    console.log(`phase 2: gateways on REST, ${REST_RATE} reports/s offered in batches of ${BATCH}`);
    phases.push(
      await phase(server, workers, flushes, `REST batches of ${BATCH}`, { socketHz: 0, restRate: REST_RATE }),
    );
    const mixedRest = Math.max(0, TARGET_PER_SECOND * 1.2 - SOCKETS);
    console.log(`phase 3: terminals at 1 Hz + gateways at ${mixedRest} reports/s`);
    phases.push(
      await phase(server, workers, flushes, 'mixed: socket 1 Hz + REST', {
        socketHz: 1,
        restRate: mixedRest,
      }),
    );

    await server.app.services.positions.flush();
    const stats = server.app.services.positions.stats;
    const rowsNow = await server.database.prisma.positionSample.count();
    const viaIngest = rowsNow - samplesBefore - baselineRows;

    console.log('');
    console.log(
      table(
        [
          'phase',
          'offered/s',
          `written/s, median of ${WINDOW_SECONDS} s windows`,
          'min window',
          'written/s overall',
          'accepted/s',
          'refused/s',
          'backlog',
          'flush p50',
          'flush p99',
          'rows/flush',
          'client p99',
          'errors',
        ],
        phases.map((p) => {
          const f = summarize(p.flushes.map((x) => x.ms));
          const client = p.fleet.batchMs.length
            ? percentile(p.fleet.batchMs, 99)
            : percentile(p.fleet.ackMs, 99);
          return [
            p.name,
            p.offered.toFixed(0),
            percentile(p.windowRates, 50).toFixed(0),
            Math.min(...p.windowRates).toFixed(0),
            p.writtenPerSecond.toFixed(0),
            p.acceptedPerSecond.toFixed(0),
            p.refusedPerSecond.toFixed(0),
            String(p.backlog),
            ms(f.median),
            ms(f.p99),
            (p.flushes.reduce((a, x) => a + x.rows, 0) / Math.max(1, p.flushes.length)).toFixed(0),
            ms(client),
            String(p.fleet.ackErrors + p.fleet.batchErrors + p.fleet.disconnects),
          ];
        }),
      ),
    );
    console.log('');
    console.log(
      `baseline, one INSERT per report through Prisma: ${baseline.rowsPerSecond.toFixed(0)} rows/s (${baseline.rows} rows; insert p50 ${ms(baseline.latency.median)}, p99 ${ms(baseline.latency.p99)})`,
    );
    const best = Math.max(...phases.map((p) => p.writtenPerSecond));
    console.log(`ratio, best ingest phase / baseline: ${(best / baseline.rowsPerSecond).toFixed(1)}x`);
    const verified = viaIngest === stats.written && stats.accepted === stats.written;
    console.log(
      `verified: position_sample holds ${rowsNow} rows = ${baselineRows} baseline + ${viaIngest} through the ingest; ` +
        `ingest counted ${stats.accepted} accepted, ${stats.written} written, ${stats.failedFlushes} failed flushes -> ${verified ? 'consistent' : 'MISMATCH'}`,
    );
    const mixed = phases[2]!.writtenPerSecond;
    const pass = verified && mixed >= TARGET_PER_SECOND;
    console.log(
      `target >= ${TARGET_PER_SECOND} rows/s (mixed phase, written overall): ${pass ? 'met' : 'MISSED'} (${mixed.toFixed(0)})`,
    );
    console.log(`load average at the end: ${loadAverage()}`);
    process.exitCode = pass ? 0 : 1;
  } finally {
    // Background work may still touch the pool while it closes; that is not a benchmark failure.
    process.on('unhandledRejection', () => undefined);
    await Promise.all(workers.map((w) => w.exit()));
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
