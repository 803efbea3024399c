/**
 * `pnpm --filter @dispatch/server bench:push-nodes`: the push benchmark (incident POST ->
 * `assignment:created` at the assigned unit's socket, 2,000 unit terminals on their own sockets
 * reporting at 1 Hz) against real server processes (`src/main.ts`) apart from the load generator,
 * in two phases of one run: one node, then BENCH_NODES (2) nodes behind the Socket.IO Redis
 * adapter (REDIS_URL, a REDIS_KEY of this run only), terminals spread over the nodes. Incidents
 * are always created on node A, so an assignment reaching a terminal on node B crossed Redis;
 * that is timed apart from one reaching a terminal on node A.
 * Environment: DATABASE_URL (fresh database, dropped afterwards), REDIS_URL (default
 * redis://127.0.0.1:6379), BENCH_UNITS (2000), BENCH_INCIDENTS (200 per phase), BENCH_HZ (1),
 * BENCH_WORKERS (4), BENCH_GAP_MS (200), BENCH_PHASES ("1,2": node counts, in order).
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { startServerNode, type ServerNode } from '../src/test/server-process.js';
import { startBenchServer } from './lib/bench-server.js';
import type { WorkerUnit } from './lib/load-worker.js';
import { healthRoundTrips, PushProbe, type IncidentSample } from './lib/push-probe.js';
import { loadAverage, ms, sleep, summarize, table, type Summary } from './lib/stats.js';
import { LoadWorker, mergeStats } from './lib/workers.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const UNITS = env('BENCH_UNITS', 2000);
const INCIDENTS = env('BENCH_INCIDENTS', 200);
const HZ = env('BENCH_HZ', 1);
const WORKERS = env('BENCH_WORKERS', 4);
const GAP_MS = env('BENCH_GAP_MS', 200);
const PHASES = (process.env.BENCH_PHASES ?? `1,${env('BENCH_NODES', 2)}`).split(',').map(Number);
const TARGET_P99_MS = 50;

interface PhaseResult {
  nodes: number;
  load: string;
  rows: (string | number)[][];
  all: Summary;
  crossNode: Summary | null;
}

const row = (name: string, s: Summary) => [name, s.n, ms(s.median), ms(s.p90), ms(s.p99), ms(s.max)];

async function main() {
  console.log(
    `push-nodes bench: ${UNITS} units at ${HZ} Hz on sockets, ${INCIDENTS} incidents per phase, phases: ${PHASES.join(', ')} node(s)`,
  );
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  // Seeds the database and issues the tokens in process; the nodes under test are processes.
  const bench = await startBenchServer({ units: UNITS });
  await bench.app.close();
  const vertices = bench.city.roads.features.flatMap((f) => f.geometry.coordinates);
  const results: PhaseResult[] = [];
  let nodes: ServerNode[] = [];
  let workers: LoadWorker[] = [];
  try {
    for (const count of PHASES) {
      const nodeEnv: Record<string, string> = {
        DATABASE_URL: bench.database.url!,
        DEMO: '1',
        LOGIN_RATE_ALLOW: '127.0.0.1',
        ...(count > 1 ? { REDIS_URL: redisUrl, REDIS_KEY: `push-${randomUUID()}` } : {}),
      };
      nodes = await Promise.all(Array.from({ length: count }, () => startServerNode(nodeEnv)));
      const probe = new PushProbe(GAP_MS);
      workers = Array.from(
        { length: WORKERS },
        (_, i) => new LoadWorker(`fleet-${i}`, probe.onWorkerMessage),
      );
      await Promise.all(workers.map((w) => w.calibrate()));
      // Worker i holds every WORKERS-th terminal, all on node i % count; the wall is on node A.
      const shares: WorkerUnit[][] = workers.map(() => []);
      bench.units.forEach((u, i) => shares[i % WORKERS]!.push(u));
      const nodeOfUnit = new Map<string, number>();
      shares.forEach((units, i) => units.forEach((u) => nodeOfUnit.set(u.id, i % count)));
      for (const u of bench.units) probe.withSocket.add(u.id);
      const connected = await Promise.all(
        workers.map((w, i) =>
          w.request(
            {
              type: 'connect',
              url: nodes[i % count]!.url,
              units: shares[i]!,
              concurrency: 10,
              ...(i === 0 ? { wallToken: bench.dispatcherToken } : {}),
            },
            'connected',
          ),
        ),
      );
      console.log(
        `${count} node(s): connected ${connected.reduce((a, c) => a + c.sockets, 0)} sockets in ${Math.max(...connected.map((c) => c.ms)).toFixed(0)} ms`,
      );
      const target = { url: nodes[0]!.url, dispatcherToken: bench.dispatcherToken };
      await probe.incidents(target, vertices, 10, 'warm-up');
      for (const w of workers) w.send({ type: 'positions', hz: HZ });
      await sleep(5000);
      await Promise.all(workers.map((w) => w.stats(true)));
      const health = await healthRoundTrips(target.url, 100);
      const loaded = await probe.incidents(target, vertices, INCIDENTS, `${count} node(s)`);
      const fleet = mergeStats(await Promise.all(workers.map((w) => w.stats())));
      const load = loadAverage();
      // First arrival per incident among terminals on node A (where it was created) and on the others.
      const firstOn = (s: IncidentSample, same: boolean) => {
        const times = s.arrivals.filter((a) => (nodeOfUnit.get(a.unitId) === 0) === same).map((a) => a.ms);
        return times.length ? Math.min(...times) : null;
      };
      const on = (same: boolean) =>
        summarize(loaded.samples.map((s) => firstOn(s, same)).filter((t): t is number => t !== null));
      const all = summarize(loaded.samples.map((s) => s.pushMs));
      const crossNode = count > 1 ? on(false) : null;
      const rows = [
        row(`${count} node(s): incident POST -> assignment at unit socket`, all),
        ...(count > 1
          ? [
              row('  terminal on node A (where the POST went)', on(true)),
              row('  terminal on another node (via Redis)', crossNode!),
            ]
          : []),
        row('  POST round trip', summarize(loaded.samples.map((s) => s.postMs))),
        row('  GET /api/health', summarize(health)),
        row('  unit:position ack round trip', summarize(fleet.ackMs)),
      ];
      console.log(table(['measure', 'n', 'median', 'p90', 'p99', 'max'], rows));
      console.log(
        `  ${fleet.acked} position reports acked, ${fleet.ackErrors} ack errors, ${fleet.disconnects} disconnects; incidents without an event: ${loaded.missed}${probe.errors.length ? `; failed requests: ${probe.errors.length}, first: ${probe.errors[0]}` : ''}; load average ${load}`,
      );
      results.push({ nodes: count, load, rows, all, crossNode });
      await Promise.all(workers.map((w) => w.exit()));
      workers = [];
      await Promise.all(nodes.map((n) => n.kill('SIGTERM')));
      nodes = [];
    }
    console.log('');
    console.log(
      table(
        ['measure', 'n', 'median', 'p90', 'p99', 'max'],
        results.flatMap((r) => r.rows.slice(0, r.nodes > 1 ? 3 : 1)),
      ),
    );
    console.log(
      `machine: ${cpus().length} CPUs, load average per phase: ${results.map((r) => `${r.nodes} node(s) ${r.load}`).join('; ')}`,
    );
    const pass = results.every((r) => r.all.p99 < TARGET_P99_MS && (r.crossNode?.p99 ?? 0) < TARGET_P99_MS);
    console.log(
      `target p99 < ${TARGET_P99_MS} ms in every phase (and across nodes): ${pass ? 'met' : 'MISSED'}`,
    );
    process.exitCode = pass ? 0 : 1;
  } finally {
    process.on('unhandledRejection', () => undefined);
    await Promise.all(workers.map((w) => w.exit()));
    await Promise.all(nodes.map((n) => n.kill('SIGTERM')));
    await bench.database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
