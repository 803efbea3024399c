/**
 * One simulation run against a server URL: the dispatcher and every on-duty unit log in, units
 * patrol and answer assignments, the seeded calls arrive on the simulated clock. Headless runs
 * end after the call window plus a drain (until every incident has had a unit on scene) and
 * return the response-time summary from the server's own incident records.
 */
import type { ClientToServerEvents, IncidentDto, ServerToClientEvents } from '@dispatch/contracts';
import { generateDemoCity, type Hotspot } from '@dispatch/demo-city';
import { buildRoadNetwork, type RoadFeatureCollection } from '@dispatch/routing';
import { io, type Socket } from 'socket.io-client';
import { ApiClient } from './api-client.js';
import { generateCalls, type SimCall } from './call-generator.js';
import { patrolVertices, pointInPolygon, verticesByGrid, type GridPolygon } from './city-geometry.js';
import { DispatcherAgent, type DispatchPolicy } from './dispatcher-agent.js';
import { createRng } from './prng.js';
import { Scheduler } from './scheduler.js';
import { createSimClock, simStartAt } from './sim-clock.js';
import { summarize, type IncidentTimes, type PolicySummary } from './summary.js';
import { UnitAgent } from './unit-agent.js';
import { World, type RunCounters } from './world.js';

export interface RunOptions {
  url: string;
  policy: DispatchPolicy;
  mode: 'headless' | 'live';
  /** Simulated hours of calls (live: per generated day chunk, repeated). */
  hours: number;
  speed: number;
  seed: number;
  /** Local hour the simulated clock starts at (headless); live follows the wall clock. */
  startHour: number;
  utcOffsetHours: number;
  callsPerHour: number;
  hotspotShare: number;
  /** Headless: at most this many simulated minutes after the last call to wait for arrivals. */
  drainMinutes: number;
  /** GPS reports per unit per real second, at most (1 Hz simulated time when slower). */
  maxReportHz: number;
  dispatcherUser: string;
  dispatcherPassword: string;
  unitPassword: string;
  loginConcurrency: number;
  /**
   * At most this many unit terminals (unit001...); the dispatcher books the other free units off
   * duty so nobody sends a unit without a crew. Default: every unit. For small machines and tests.
   */
  terminals?: number;
  verbose: boolean;
  log: (line: string) => void;
  /** Live mode stops when this aborts. */
  signal?: AbortSignal;
}

export interface RunResult {
  policy: DispatchPolicy;
  summary: PolicySummary;
  counters: RunCounters;
  calls: number;
  units: number;
  setupSeconds: number;
  runRealSeconds: number;
  simulatedHours: number;
  /** Real seconds the clock stood still waiting for the server. */
  pausedRealSeconds: number;
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const TICK_MS = 100;

/** A socket that presents the client's current token on every (re)connect. */
function connect(url: string, api: ApiClient): ClientSocket {
  return io(url, {
    auth: (cb) => cb({ token: api.token }),
    transports: ['websocket'],
    reconnectionDelayMax: 5000,
  });
}

async function connected(socket: ClientSocket, timeoutMs = 60_000): Promise<void> {
  if (socket.connected) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket connect timeout')), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Hot spots of the demo city that lie on this server's map (none for a foreign city). */
function hotspotsOnMap(grids: readonly { polygon: GridPolygon }[]): Hotspot[] {
  return generateDemoCity().hotspots.filter((h) => grids.some((g) => pointInPolygon(h.lngLat, g.polygon)));
}

export async function runSimulation(options: RunOptions): Promise<RunResult> {
  const setupStarted = Date.now();
  const log = options.log;
  const dispatcherApi = new ApiClient(options.url);
  await dispatcherApi.login(options.dispatcherUser, options.dispatcherPassword);
  const [roads, grids, units] = await Promise.all([
    dispatcherApi.roads(),
    dispatcherApi.grids(),
    dispatcherApi.units(),
  ]);
  const network =
    roads.features.length > 0 ? buildRoadNetwork(roads as unknown as RoadFeatureCollection) : null;
  const places = patrolVertices(roads.features);
  const gridShapes = grids.map((g) => ({ id: g.id, polygon: g.polygon as GridPolygon }));
  const hotspots = hotspotsOnMap(gridShapes);

  // Every unit terminal logs in with its own account (unit001..); off-duty units stay home.
  const unitById = new Map(units.map((u) => [u.id, u]));
  const usernames = units
    .slice(0, options.terminals ?? units.length)
    .map((_, i) => `unit${String(i + 1).padStart(3, '0')}`);
  // Each terminal logs in and opens its socket in turn (the server sends every new socket a
  // snapshot, so connecting all at once would only queue them).
  const terminals = await mapLimit(usernames, options.loginConcurrency, async (username) => {
    const api = new ApiClient(options.url);
    try {
      await api.login(username, options.unitPassword);
    } catch (error) {
      log(`login ${username} failed: ${(error as Error).message}`);
      return null;
    }
    const unit = api.user?.unitId ? unitById.get(api.user.unitId) : undefined;
    if (!unit || unit.status === 'off_duty' || unit.status === 'out_of_service' || !unit.position)
      return null;
    const socket = connect(options.url, api);
    await connected(socket);
    return { api, unit, socket };
  });
  const onDuty = terminals.filter((t): t is NonNullable<typeof t> => t !== null);
  if (options.terminals !== undefined) {
    const crewed = new Set(onDuty.map((t) => t.unit.id));
    const uncrewed = units.filter((u) => !crewed.has(u.id) && u.status === 'available');
    await mapLimit(uncrewed, 4, (u) => dispatcherApi.setUnitStatus(u.id, 'off_duty'));
    log(`${uncrewed.length} units without a simulated crew booked off duty`);
  }

  let startSimMs =
    options.mode === 'live' ? Date.now() : simStartAt(Date.now(), options.startHour, options.utcOffsetHours);
  const startHour =
    options.mode === 'live'
      ? (((Date.now() / 3_600_000 + options.utcOffsetHours) % 24) + 24) % 24
      : options.startHour;
  const worldVertices = verticesByGrid(places, gridShapes);
  const setupClock = createSimClock({ speed: options.speed, startSimMs, realNow: Date.now });
  const world = new World(
    setupClock,
    network,
    worldVertices,
    options.seed,
    log,
    options.verbose,
    options.utcOffsetHours,
  );
  const scheduler = new Scheduler();
  const schedule = (simSeconds: number, task: () => void) =>
    scheduler.at(world.clock.now() + simSeconds * 1000, task);
  const dispatcher = new DispatcherAgent(dispatcherApi, world, options.policy, schedule);

  const agents: UnitAgent[] = [];
  const rng = createRng(options.seed).fork('units');
  const wall = connect(options.url, dispatcherApi);
  dispatcher.attach(wall);
  const sockets: ClientSocket[] = [wall];
  for (const { api, unit, socket } of onDuty) {
    const at = unit.position!.lngLat;
    const agent = new UnitAgent(
      unit.id,
      unit.callSign,
      unit.kind,
      unit.homeGridId,
      at,
      at,
      unit.status,
      api,
      world,
      rng.fork(unit.callSign),
    );
    agent.attach(socket);
    agents.push(agent);
    sockets.push(socket);
  }
  await connected(wall);
  const setupSeconds = (Date.now() - setupStarted) / 1000;
  log(
    `setup ${setupSeconds.toFixed(1)} s: ${agents.length} unit terminals, ${places.length} road vertices, ${hotspots.length} hot spots, policy ${options.policy}`,
  );

  // The simulated clock starts now; the calls follow it.
  // Live: simulated time starts at the wall clock once every terminal is on line.
  if (options.mode === 'live') startSimMs = Date.now();
  const clock = createSimClock({ speed: options.speed, startSimMs, realNow: Date.now });
  world.clock = clock;
  if (options.mode === 'headless') {
    // Lockstep: the simulated clock waits for every request (server latency is not simulated time).
    const hold = <T>(work: () => Promise<T>) => clock.hold(work);
    dispatcherApi.hold = hold;
    for (const t of onDuty) t.api.hold = hold;
  }
  const callsFor = (chunk: number): SimCall[] =>
    generateCalls({
      seed: options.seed + chunk,
      startHour: (startHour + chunk * options.hours) % 24,
      hours: options.hours,
      callsPerHour: options.callsPerHour,
      hotspotShare: options.hotspotShare,
      hotspots,
      background: places,
    });
  let chunk = 0;
  const queueChunk = () => {
    const offset = chunk * options.hours * 3600;
    const calls = callsFor(chunk);
    for (const call of calls)
      scheduler.at(startSimMs + (offset + call.atSeconds) * 1000, () => void dispatcher.takeCall(call));
    chunk += 1;
    return calls.length;
  };
  const callCount = queueChunk();
  log(
    `${callCount} calls in ${options.hours} simulated hours (seed ${options.seed}), speed x${options.speed}`,
  );

  const reportEveryMs = Math.max(1000 / options.speed, 1000 / options.maxReportHz);
  // Spread the terminals' reports over the interval instead of all in one tick.
  agents.forEach((a, i) => a.staggerReports(Date.now() - (i / agents.length) * reportEveryMs));
  const runStarted = Date.now();
  const windowEnd = startSimMs + options.hours * 3600 * 1000;
  const drainEnd = windowEnd + options.drainMinutes * 60 * 1000;
  let sweeping = false;
  let lastSweep = Date.now();

  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      // Discrete events: the clock stops at the next one (a call, a dispatch, an arrival...).
      let limit = Infinity;
      if (options.mode === 'headless') {
        const current = clock.now();
        limit = scheduler.nextAt;
        for (const agent of agents) {
          const d = agent.nextDeadline();
          if (d !== null && d > current && d < limit) limit = d;
        }
      }
      const now = clock.advance(limit);
      const realNow = Date.now();
      scheduler.runDue(now);
      for (const agent of agents) {
        agent.tick(now);
        if (realNow - agent.lastReport >= reportEveryMs) agent.report(realNow);
      }
      if (!sweeping && realNow - lastSweep > 30_000) {
        sweeping = true;
        lastSweep = realNow;
        void dispatcher.sweep().finally(() => (sweeping = false));
      }
      if (options.mode === 'live') {
        if (now > startSimMs + chunk * options.hours * 3600 * 1000 - 600_000) queueChunk();
        if (options.signal?.aborted) {
          clearInterval(timer);
          resolve();
        }
        return;
      }
      const tracked = [...dispatcher.incidents.values()];
      const allArrived = tracked.every((t) => t.firstOnScene);
      if (now >= windowEnd && scheduler.size === 0 && (allArrived || now >= drainEnd)) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  const runRealSeconds = (Date.now() - runStarted) / 1000;

  // Measured from the server's own records, not from what the simulator believes.
  const records = await mapLimit([...dispatcher.incidents.keys()], 8, (id) => dispatcherApi.incident(id));
  for (const s of sockets) s.disconnect();
  // Server timestamps are real time (same host clock); map them onto the simulated clock.
  const sim = (iso: string | null) => (iso ? clock.toSim(Date.parse(iso)) : null);
  const times: IncidentTimes[] = records.map((i: IncidentDto) => ({
    receivedAt: sim(i.receivedAt)!,
    firstDispatchedAt: sim(i.firstDispatchedAt),
    firstOnSceneAt: sim(i.firstOnSceneAt),
  }));
  return {
    policy: options.policy,
    summary: summarize(options.policy, times),
    counters: { ...world.counters },
    calls: callCount,
    units: agents.length,
    setupSeconds,
    runRealSeconds,
    simulatedHours: clock.elapsedSeconds() / 3600,
    pausedRealSeconds: clock.pausedMs() / 1000,
  };
}
