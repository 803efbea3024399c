/**
 * `pnpm --filter @dispatch/server bench:storm`: the reconnect storm after a server restart.
 * BENCH_UNITS (2,000) unit terminals and BENCH_STAFF (20) staff screens, each on its own Socket.IO
 * connection, are connected to BENCH_NODES (1) real server processes (`src/main.ts`; with two,
 * behind the Socket.IO Redis adapter on REDIS_URL with a REDIS_KEY of this run only; clients are
 * spread over the nodes). Then every node is restarted (BENCH_RESTART_SIGNAL, default SIGTERM: a
 * graceful restart; SIGKILL: a crash) on its own port, and every client reconnects at once.
 *
 * Timed per client: from the restarted nodes answering /api/health until that client holds a
 * consistent snapshot (a terminal: exactly its own unit; a staff screen: the whole fleet); and the
 * whole storm from the restart. While the storm runs a dispatcher creates incidents (BENCH_STORM_HZ,
 * 2 a second) so that the end checks that every staff screen knows each of them, from its snapshot
 * or from `incident:created` after it: none lost between snapshot and subscription.
 * Environment: DATABASE_URL (fresh database, dropped afterwards), REDIS_URL (default
 * redis://127.0.0.1:6379 when BENCH_NODES > 1), BENCH_WORKERS (4 client processes),
 * BENCH_CPU_PROFILE_DIR (CPU profiles of the restarted nodes, written when they stop).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startServerNode, type ServerNode } from '../src/test/server-process.js';
import { startBenchServer } from './lib/bench-server.js';
import { clock, loadAverage, ms, sleep, summarize, table } from './lib/stats.js';
import type { StormClient, StormCommand, StormMessage, StormResult } from './lib/storm-worker.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const UNITS = env('BENCH_UNITS', 2000);
const STAFF = env('BENCH_STAFF', 20);
const NODES = env('BENCH_NODES', 1);
const WORKERS = env('BENCH_WORKERS', 4);
const STORM_HZ = env('BENCH_STORM_HZ', 2);
const SIGNAL = (process.env.BENCH_RESTART_SIGNAL ?? 'SIGTERM') as NodeJS.Signals;
const TARGET_MS = 30_000;
const TIMEOUT_MS = env('BENCH_STORM_TIMEOUT_MS', 180_000);

class StormWorker {
  private readonly child: ChildProcess;
  private waiters: { type: StormMessage['type']; resolve: (m: StormMessage) => void }[] = [];
  offsetMs = 0;
  constructor(readonly name: string) {
    this.child = fork(fileURLToPath(new URL('./lib/storm-worker.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (raw) => {
      const message = raw as StormMessage;
      if (message.type === 'error') console.error(`[${name}] ${message.message}`);
      const i = this.waiters.findIndex((w) => w.type === message.type);
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(message);
    });
  }
  request<T extends StormMessage['type']>(command: StormCommand, reply: T) {
    return new Promise<Extract<StormMessage, { type: T }>>((resolve) => {
      this.waiters.push({ type: reply, resolve: resolve as (m: StormMessage) => void });
      this.child.send(command);
    });
  }
  async calibrate() {
    let best = { rtt: Infinity, offset: 0 };
    for (let i = 0; i < 20; i++) {
      const t0 = clock();
      const pong = await this.request({ type: 'ping', t0 }, 'pong');
      const t2 = clock();
      if (t2 - t0 < best.rtt) best = { rtt: t2 - t0, offset: pong.t1 - (t0 + t2) / 2 };
    }
    this.offsetMs = best.offset;
  }
  exit() {
    this.child.send({ type: 'exit' } satisfies StormCommand);
  }
}

/** Stops a node; one that has not exited 15 s after a SIGTERM is killed (and said so). */
async function stop(node: ServerNode, signal: NodeJS.Signals) {
  const timer = setTimeout(() => {
    console.log(`node ${node.port} still running 15 s after ${signal}: SIGKILL`);
    void node.kill('SIGKILL');
  }, 15_000);
  await node.kill(signal);
  clearTimeout(timer);
}

async function main() {
  const redisUrl = NODES > 1 ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : undefined;
  console.log(
    `reconnect storm: ${UNITS} unit terminals + ${STAFF} staff screens on ${NODES} node(s)${redisUrl ? ' behind Redis' : ''}, restart by ${SIGNAL}`,
  );
  // Seeds the database and issues the tokens in process; the nodes under test are processes.
  const bench = await startBenchServer({ units: UNITS });
  const dispatcher = await bench.database.prisma.user.findUniqueOrThrow({
    where: { username: 'dispatcher' },
  });
  const staffTokens: string[] = [];
  for (let i = 0; i < STAFF; i++) {
    staffTokens.push(bench.app.issueToken(dispatcher, await bench.app.services.sessions.start(dispatcher)));
  }
  await bench.app.close();
  const nodeEnv: Record<string, string> = {
    DATABASE_URL: bench.database.url!,
    DEMO: '1',
    LOGIN_RATE_ALLOW: '127.0.0.1',
    ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY: `storm-${randomUUID()}` } : {}),
  };
  let nodes: ServerNode[] = await Promise.all(Array.from({ length: NODES }, () => startServerNode(nodeEnv)));
  const workers = Array.from({ length: WORKERS }, (_, i) => new StormWorker(`clients-${i}`));
  try {
    await Promise.all(workers.map((w) => w.calibrate()));
    const clients: StormClient[] = [
      ...staffTokens.map((token) => ({ token, unitId: null })),
      ...bench.units.map((u) => ({ token: u.token, unitId: u.id })),
    ].map((c, i) => ({ ...c, url: nodes[i % NODES]!.url }));
    const shares: StormClient[][] = workers.map(() => []);
    clients.forEach((c, i) => shares[i % WORKERS]!.push(c));
    const fleetSize = await bench.database.prisma.unit.count();
    const connected = await Promise.all(
      workers.map((w, i) =>
        w.request({ type: 'connect', clients: shares[i]!, fleetSize, concurrency: 10 }, 'connected'),
      ),
    );
    console.log(
      `first connect: ${connected.reduce((a, c) => a + c.sockets, 0)} sockets in ${Math.max(...connected.map((c) => c.ms)).toFixed(0)} ms (10 at a time per client process)`,
    );
    await sleep(2000);
    await Promise.all(workers.map((w) => w.request({ type: 'arm' }, 'armed')));
    const loadBefore = loadAverage();

    // The restart: every node at once, each back on its own port.
    const restartAt = clock();
    const ports = nodes.map((n) => n.port);
    await Promise.all(nodes.map((n) => stop(n, SIGNAL)));
    const downAt = clock();
    const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
    const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    nodes = await Promise.all(ports.map((port) => startServerNode(nodeEnv, 120_000, port, nodeArgs)));
    const upAt = clock();

    // A dispatcher keeps taking calls through the storm.
    const created: string[] = [];
    let creating = true;
    const vertices = bench.city.roads.features.flatMap((f) => f.geometry.coordinates);
    const dispatcherToken = staffTokens[0]!;
    const creator = (async () => {
      while (creating) {
        const [lng, lat] = vertices[Math.floor(Math.random() * vertices.length)]!;
        const res = await fetch(`${nodes[0]!.url}/api/incidents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${dispatcherToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'theft',
            priority: 3,
            location: { lng, lat },
            address: 'storm benchmark',
            description: 'reconnect-storm benchmark',
          }),
        }).catch(() => null);
        if (res?.ok) created.push(((await res.json()) as { id: string }).id);
        await sleep(1000 / STORM_HZ);
      }
    })();
    const results = await Promise.all(
      workers.map(async (w) => ({
        w,
        result: (await w.request({ type: 'wait', timeoutMs: TIMEOUT_MS }, 'result')).result as StormResult,
      })),
    );
    creating = false;
    await creator;
    await sleep(1000);
    const missing = (
      await Promise.all(workers.map((w) => w.request({ type: 'missing', incidentIds: created }, 'missing')))
    ).flatMap((m) => m.perScreen);

    const at = results.flatMap(({ w, result }) => result.snapshotAt.map((t) => t - w.offsetMs));
    const fromUp = summarize(at.map((t) => t - upAt));
    const last = Math.max(...at);
    const sum = (key: 'waiting' | 'inconsistent' | 'snapshots' | 'requested' | 'overtaken' | 'doubled') =>
      results.reduce((a, r) => a + r.result[key], 0);
    const merge = (key: 'disconnects' | 'connectErrors') => {
      const out: Record<string, number> = {};
      for (const { result } of results)
        for (const [k, v] of Object.entries(result[key])) out[k] = (out[k] ?? 0) + v;
      return JSON.stringify(out);
    };
    console.log('');
    console.log(
      `restart: nodes down in ${(downAt - restartAt).toFixed(0)} ms, up again (health answers) after ${(upAt - restartAt).toFixed(0)} ms`,
    );
    console.log(
      table(
        ['per client, nodes up -> consistent snapshot', 'n', 'median', 'p90', 'p99', 'max'],
        [['all clients', fromUp.n, ms(fromUp.median), ms(fromUp.p90), ms(fromUp.p99), ms(fromUp.max)]],
      ),
    );
    const storm = last - restartAt;
    console.log(
      `storm: every client with a consistent snapshot ${(last - upAt).toFixed(0)} ms after the nodes were up, ${storm.toFixed(0)} ms after the restart began`,
    );
    console.log(
      `clients without a snapshot: ${sum('waiting')}; inconsistent snapshots: ${sum('inconsistent')}; snapshots sent: ${sum('snapshots')} (${sum('requested')} asked for after none came in 30 s)`,
    );
    console.log(
      `incidents an event brought before a staff screen's snapshot that lacked them (kept, as the web client does): ${sum('overtaken')}`,
    );
    console.log(`disconnect reasons: ${merge('disconnects')}; connect errors: ${merge('connectErrors')}`);
    // A POST whose answer the restart swallowed may still have created its incident: counted here.
    const stored = await bench.database.prisma.incident.count({
      where: { description: 'reconnect-storm benchmark' },
    });
    console.log(
      `incidents created during the storm: ${created.length} answered, ${stored} stored; missing on staff screens: ${missing.reduce((a, b) => a + b, 0)} (${missing.length} screens); snapshots listing one twice: ${sum('doubled')}`,
    );
    if (sum('waiting') > 0)
      for (const n of nodes) console.log(`node ${n.port} log tail:\n${n.tail().slice(-8).join('\n')}`);
    console.log(`machine: ${cpus().length} CPUs, load average ${loadBefore} before, ${loadAverage()} after`);
    const lost = missing.reduce((a, b) => a + b, 0);
    const pass =
      sum('waiting') === 0 &&
      sum('inconsistent') === 0 &&
      lost === 0 &&
      sum('doubled') === 0 &&
      storm < TARGET_MS;
    console.log(
      `target: all consistent within ${TARGET_MS / 1000} s of the restart, nothing lost or doubled: ${pass ? 'met' : 'MISSED'}`,
    );
    process.exitCode = pass ? 0 : 1;
  } finally {
    process.on('unhandledRejection', () => undefined);
    for (const w of workers) w.exit();
    await Promise.all(nodes.map((n) => stop(n, 'SIGTERM')));
    await bench.database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
