/**
 * `pnpm --filter @dispatch/server bench:push`: incident POST -> `assignment:created` at the assigned
 * unit's socket (auto-dispatch), while 2,000 unit terminals report their positions at 1 Hz.
 *
 * Measured from just before the POST is sent until the event arrives at the unit's socket in a
 * load-worker process (clocks aligned by ping). Every unit reports at 1 Hz over its own Socket.IO
 * connection (a terminal's snapshot is its own unit only, so 2,000 connect in ~10 s);
 * BENCH_TERMINALS=n puts only n on sockets (motorcycles first, then patrol cars) and the others
 * behind a gateway's batched REST POSTs. The assignment events of one dispatch are published
 * together, so the first to reach any assigned unit's socket is timed. Baselines from the same run: the same POST with
 * every terminal connected but silent, and a plain GET /api/health round trip.
 * Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres; a fresh database
 * is created and dropped), BENCH_UNITS (2000), BENCH_INCIDENTS (200), BENCH_BASELINE_INCIDENTS
 * (100), BENCH_HZ (1), BENCH_WORKERS (4), REDIS_URL (optional: Socket.IO Redis adapter),
 * BENCH_CPU_PROFILE, BENCH_HEAP_PROFILE (files: CPU and allocation profiles of the server process
 * over the loaded phase), BENCH_MEMORY_DIR (a directory: the server's RSS and heap sampled every
 * 5 s into memory.csv, and heap snapshots early in the loaded phase, at its end and after it; see
 * bench/lib/heap-diff.ts to compare them).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startBenchServer, type BenchServer } from './lib/bench-server.js';
import { startMemoryWatch } from './lib/memory-watch.js';
import type { WorkerUnit } from './lib/load-worker.js';
import { healthRoundTrips as healthRoundTripsTo, PushProbe } from './lib/push-probe.js';
import { clock, loadAverage, ms, sleep, summarize, table, type Summary } from './lib/stats.js';
import { LoadWorker, mergeStats } from './lib/workers.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const UNITS = env('BENCH_UNITS', 2000);
const INCIDENTS = env('BENCH_INCIDENTS', 200);
const BASELINE_INCIDENTS = env('BENCH_BASELINE_INCIDENTS', 100);
const HZ = env('BENCH_HZ', 1);
const WORKERS = env('BENCH_WORKERS', 4);
/** Pause between incidents: a busy centre takes a call every few seconds, not back to back. */
const GAP_MS = env('BENCH_GAP_MS', 200);
const TARGET_P99_MS = 50;
const TERMINALS = env('BENCH_TERMINALS', UNITS);
const ALL_SOCKETS = TERMINALS >= UNITS;

const probe = new PushProbe(GAP_MS);
const withSocket = probe.withSocket;
const errors = probe.errors;
const incidents = (server: BenchServer, vertices: number[][], n: number, label: string) =>
  probe.incidents(server, vertices, n, label);
const healthRoundTrips = (server: BenchServer, n: number) => healthRoundTripsTo(server.url, n);

function row(name: string, s: Summary) {
  return [name, s.n, ms(s.median), ms(s.p90), ms(s.p99), ms(s.max)];
}

/**
 * BENCH_CPU_PROFILE=file.cpuprofile: a CPU profile of this process over the loaded phase only;
 * BENCH_HEAP_PROFILE=file.heapprofile: what it allocated meanwhile that is still held at the end
 * (sampled), by allocating function: what survives is what slows the garbage collector.
 */
async function startProfiler() {
  const cpu = process.env.BENCH_CPU_PROFILE;
  const heap = process.env.BENCH_HEAP_PROFILE;
  if (!cpu && !heap) return null;
  const session = new Session();
  session.connect();
  if (cpu) {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  if (heap) await session.post('HeapProfiler.startSampling', { samplingInterval: 16384 });
  return {
    stop: async () => {
      if (cpu) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(cpu, JSON.stringify(profile));
        console.log(`CPU profile of the loaded phase: ${cpu}`);
      }
      if (heap) {
        const { profile } = await session.post('HeapProfiler.stopSampling');
        writeFileSync(heap, JSON.stringify(profile));
        console.log(`allocation profile (still held) of the loaded phase: ${heap}`);
      }
      session.disconnect();
    },
  };
}

async function main() {
  console.log(
    `push-latency bench: ${UNITS} units at ${HZ} Hz, ${INCIDENTS} incidents (+${BASELINE_INCIDENTS} baseline)`,
  );
  const server = await startBenchServer({ units: UNITS });
  const vertices = server.city.roads.features.flatMap((f) => f.geometry.coordinates);
  const workers = Array.from(
    { length: WORKERS },
    (_, i) => new LoadWorker(`fleet-${i}`, probe.onWorkerMessage),
  );
  // Ctrl-C still drops the database and stops the workers.
  process.once('SIGINT', () => {
    console.error('interrupted: cleaning up');
    void Promise.all(workers.map((w) => w.exit()))
      .then(() => server.close())
      .finally(() => process.exit(130));
  });
  try {
    await Promise.all(workers.map((w) => w.calibrate()));
    console.log(`clock offsets: ${workers.map((w) => w.offsetMs.toFixed(2)).join(', ')} ms`);
    const byKind = (kind: string) => server.units.filter((u) => u.kind === kind);
    const terminals = ALL_SOCKETS
      ? server.units
      : [...byKind('motorcycle'), ...byKind('patrol_car')].slice(
          0,
          Math.max(TERMINALS, byKind('motorcycle').length),
        );
    const gatewayUnits = server.units.filter((u) => !terminals.includes(u)).map((u) => u.id);
    for (const u of terminals) withSocket.add(u.id);
    const shares: WorkerUnit[][] = workers.map(() => []);
    terminals.forEach((u, i) => shares[i % WORKERS]!.push(u));
    const connected = await Promise.all(
      workers.map((w, i) =>
        w.request(
          {
            type: 'connect',
            url: server.url,
            units: shares[i]!,
            concurrency: 10,
            ...(i === 0 ? { wallToken: server.dispatcherToken } : {}),
          },
          'connected',
        ),
      ),
    );
    console.log(
      `connected ${connected.reduce((a, c) => a + c.sockets, 0)} sockets (${terminals.length} unit terminals + 1 wall) in ${Math.max(...connected.map((c) => c.ms)).toFixed(0)} ms; ${gatewayUnits.length} more units report through a REST gateway`,
    );

    console.log('warm-up');
    await incidents(server, vertices, 10, 'warm-up');

    console.log('baseline: terminals connected, no position reports');
    const idleHealth = await healthRoundTrips(server, 200);
    const idle = await incidents(server, vertices, BASELINE_INCIDENTS, 'baseline');

    console.log(
      `load: ${server.units.length} units reporting at ${HZ} Hz (${terminals.length} on sockets, ${gatewayUnits.length} via REST batches)`,
    );
    for (const w of workers) w.send({ type: 'positions', hz: HZ });
    if (gatewayUnits.length > 0)
      workers[WORKERS - 1]!.send({
        type: 'gateway',
        url: server.url,
        token: server.adminToken,
        unitIds: gatewayUnits,
        reportsPerSecond: gatewayUnits.length * HZ,
        batchSize: Math.max(1, Math.ceil(gatewayUnits.length / 4)),
        concurrency: 2,
      });
    await sleep(5000);
    await Promise.all(workers.map((w) => w.stats(true)));
    const ingestBefore = { ...server.app.services.positions.stats };
    const eld = monitorEventLoopDelay({ resolution: 10 });
    eld.enable();
    const profiler = await startProfiler();
    const loadStarted = clock();
    const loadHealth = await healthRoundTrips(server, 200);
    const memory = startMemoryWatch(process.env.BENCH_MEMORY_DIR);
    // With a memory watch: a heap snapshot once the load has settled (a sixth of the incidents in),
    // another at its end; incidents and snapshots never overlap (a snapshot stops the process).
    const early = memory ? Math.max(1, Math.round(INCIDENTS / 6)) : INCIDENTS;
    const loaded = await incidents(server, vertices, early, 'load');
    if (memory && early < INCIDENTS) {
      await memory.snapshot('early');
      const rest = await incidents(server, vertices, INCIDENTS - early, 'load (after the early snapshot)');
      loaded.samples.push(...rest.samples);
      loaded.missed += rest.missed;
      await memory.snapshot('late');
    }
    const loadSeconds = (clock() - loadStarted) / 1000;
    eld.disable();
    await profiler?.stop();
    const fleet = mergeStats(await Promise.all(workers.map((w) => w.stats())));
    const ingestAfter = { ...server.app.services.positions.stats };
    for (const w of workers) {
      w.send({ type: 'positions', hz: 0 });
      w.send({
        type: 'gateway',
        url: '',
        token: '',
        unitIds: [],
        reportsPerSecond: 0,
        batchSize: 0,
        concurrency: 0,
      });
    }

    if (memory) {
      // Steady state after the load: as the issue measured it, 15 s on; then after full GCs.
      await sleep(15_000);
      memory.sample('15 s after the load');
      await memory.gc();
      memory.sample('15 s after the load, after a full GC');
      await sleep(30_000);
      await memory.gc();
      memory.sample('45 s after the load, after a full GC');
      await memory.snapshot('after');
      memory.stop();
      console.log(memory.summary());
    }

    const pushIdle = summarize(idle.samples.map((s) => s.pushMs));
    const pushLoad = summarize(loaded.samples.map((s) => s.pushMs));
    const healthIdle = summarize(idleHealth);
    const healthLoad = summarize(loadHealth);
    console.log('');
    console.log(
      table(
        ['measure', 'n', 'median', 'p90', 'p99', 'max'],
        [
          row('incident POST -> assignment at unit socket, under load', pushLoad),
          row(
            '  same, all assignments of the incident delivered',
            summarize(loaded.samples.map((s) => s.allMs)),
          ),
          row('  POST round trip', summarize(loaded.samples.map((s) => s.postMs))),
          row('baseline: incident -> assignment, no position load', pushIdle),
          row('baseline: GET /api/health, no position load', healthIdle),
          row('GET /api/health under load', healthLoad),
          row('unit:position ack round trip under load', summarize(fleet.ackMs)),
        ],
      ),
    );
    const reportsPerSecond = (ingestAfter.accepted - ingestBefore.accepted) / loadSeconds;
    const writtenPerSecond = (ingestAfter.written - ingestBefore.written) / loadSeconds;
    console.log('');
    console.log(
      `ratio under load / no load: median ${(pushLoad.median / pushIdle.median).toFixed(2)}x, p99 ${(pushLoad.p99 / pushIdle.p99).toFixed(2)}x`,
    );
    console.log(
      `position load during the run: ${reportsPerSecond.toFixed(0)} reports/s accepted, ${writtenPerSecond.toFixed(0)} rows/s written, ` +
        `${fleet.acked} acked, ${fleet.ackErrors} ack errors, ${fleet.disconnects} disconnects; ` +
        `wall got ${fleet.wallPositionMessages} unit:positions batches (${(fleet.wallPositions / Math.max(1, fleet.wallPositionMessages)).toFixed(0)} units each)`,
    );
    console.log(
      `server event-loop delay under load: p50 ${(eld.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(eld.percentile(99) / 1e6).toFixed(1)} ms, max ${(eld.max / 1e6).toFixed(1)} ms`,
    );
    for (const [i, w] of workers.entries()) {
      const mine = summarize(loaded.samples.filter((s) => s.firstWorker === w.name).map((s) => s.pushMs));
      const role = [
        `${shares[i]!.length} terminals`,
        ...(i === 0 ? ['the wall'] : []),
        ...(i === WORKERS - 1 && gatewayUnits.length > 0 ? ['the REST gateway'] : []),
      ].join(' + ');
      console.log(
        `  ${w.name} (${role}): first event of ${mine.n} incidents, median ${ms(mine.median)}, p99 ${ms(mine.p99)}; ` +
          `its own event-loop delay p50 ${w.loop.p50.toFixed(1)} ms, p99 ${w.loop.p99.toFixed(1)} ms, max ${w.loop.max.toFixed(1)} ms`,
      );
    }
    console.log(
      `assignments per incident: ${(loaded.samples.reduce((a, s) => a + s.assignments, 0) / Math.max(1, loaded.samples.length)).toFixed(1)}; incidents without an event: ${loaded.missed + idle.missed}`,
    );
    if (errors.length > 0) console.log(`failed requests: ${errors.length}; first: ${errors[0]}`);
    console.log(`machine: ${cpus().length} CPUs, load average ${loadAverage()}`);
    const pass = pushLoad.p99 < TARGET_P99_MS;
    console.log(`target p99 < ${TARGET_P99_MS} ms: ${pass ? 'met' : 'MISSED'} (${ms(pushLoad.p99)})`);
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
