/**
 * One simulation run: the dispatcher and every crewed unit of the engine's console (the real
 * server, or the in-process console), units patrol and answer assignments, the seeded calls
 * arrive on the simulated clock. Headless runs step the clock from event to event and end after
 * the call window plus a drain (until every incident has had a unit on scene); they return the
 * response-time summary from the console's own incident records. Live runs pace the clock by
 * real time until stopped.
 */
import { generateCalls, type SimCall } from './call-generator.js';
import { verticesByGrid } from './city-geometry.js';
import { DispatcherAgent, type DispatchAt } from './dispatcher-agent.js';
import type { Engine, EngineName } from './engine.js';
import { openLocalEngine } from './local-engine.js';
import { policyNamed, type DispatchPolicy } from './policies/index.js';
import { createRng } from './prng.js';
import { openServerEngine } from './server-engine.js';
import { pacedClock, SteppedClock, simStartAt, StepLog, type SimClock } from './sim-clock.js';
import { runStepped } from './stepper.js';
import { summarize, type PolicySummary } from './summary.js';
import { UnitAgent } from './unit-agent.js';
import { World, type RunCounters } from './world.js';

export interface RunOptions {
  /** `server` (the real server at `url`) or `local` (in process, headless only). */
  engine: EngineName;
  /** Server engine: the server to use. */
  url?: string;
  /** A policy by name (see policies/index.ts), or a policy itself (tests, experiments). */
  policy: string | DispatchPolicy;
  /** When the call-taker dispatches (default `ready`: while still taking the call). */
  dispatchAt?: DispatchAt;
  mode: 'headless' | 'live';
  /** Simulated hours of calls (live: per generated day chunk, repeated). */
  hours: number;
  /** Live: simulated seconds per real second. Headless runs are stepped and ignore it. */
  speed: number;
  seed: number;
  /** Local hour the simulated clock starts at (headless); live follows the wall clock. */
  startHour: number;
  utcOffsetHours: number;
  callsPerHour: number;
  hotspotShare: number;
  /** Headless: at most this many simulated minutes after the last call to wait for arrivals. */
  drainMinutes: number;
  /** Live: GPS reports per unit per real second, at most (1 Hz simulated time when slower). */
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
  /** Of those, crew only this share (0-1], chosen by seed (fleet.ts). Default all. */
  fleetShare?: number;
  verbose: boolean;
  log: (line: string) => void;
  /** Live mode stops when this aborts. */
  signal?: AbortSignal;
}

/** One incident of a run: its call and the console's times, in simulated seconds from the call. */
export interface IncidentOutcome {
  seq: number;
  callTakingSeconds: number;
  dispatchAfterSeconds: number;
  dispatchSeconds: number | null;
  onSceneSeconds: number | null;
}

export interface RunResult {
  policy: string;
  seed: number;
  engine: EngineName;
  summary: PolicySummary;
  incidents: IncidentOutcome[];
  counters: RunCounters;
  calls: number;
  units: number;
  setupSeconds: number;
  runRealSeconds: number;
  simulatedHours: number;
  /** Relocations (standby moves and move-ups) per on-duty unit-hour of simulated time. */
  movesPerUnitHour: number;
}

const TICK_MS = 100;

export async function runSimulation(options: RunOptions): Promise<RunResult> {
  const setupStarted = Date.now();
  const log = options.log;
  const policy = typeof options.policy === 'string' ? policyNamed(options.policy) : options.policy;
  if (options.engine === 'local' && options.mode !== 'headless')
    throw new Error('the local engine runs headless only');
  const headlessStart = simStartAt(Date.now(), options.startHour, options.utcOffsetHours);
  let clock: SimClock | null = null;
  const now = () => clock?.now() ?? headlessStart;
  const engine: Engine =
    options.engine === 'local'
      ? await openLocalEngine({
          terminals: options.terminals,
          fleetShare: options.fleetShare,
          seed: options.seed,
          utcOffsetHours: options.utcOffsetHours,
          now,
          log,
        })
      : await openServerEngine({
          url: options.url ?? '',
          dispatcherUser: options.dispatcherUser,
          dispatcherPassword: options.dispatcherPassword,
          unitPassword: options.unitPassword,
          loginConcurrency: options.loginConcurrency,
          terminals: options.terminals,
          fleetShare: options.fleetShare,
          seed: options.seed,
          speed: options.speed,
          maxReportHz: options.maxReportHz,
          log,
        });
  try {
    return await runOn(engine, policy, options, setupStarted, headlessStart, (c) => (clock = c));
  } finally {
    await engine.stop();
  }
}

async function runOn(
  engine: Engine,
  policy: DispatchPolicy,
  options: RunOptions,
  setupStarted: number,
  headlessStart: number,
  useClock: (clock: SimClock) => void,
): Promise<RunResult> {
  const log = options.log;
  const headless = options.mode === 'headless';
  // Live: simulated time starts at the wall clock once every terminal is on line.
  const startSimMs = headless ? headlessStart : Date.now();
  const stepped = headless ? new SteppedClock(startSimMs) : null;
  const clockStartReal = Date.now();
  const clock = stepped ?? pacedClock({ speed: options.speed, startSimMs, realNow: () => Date.now() });
  useClock(clock);
  const startHour = headless
    ? options.startHour
    : (((Date.now() / 3_600_000 + options.utcOffsetHours) % 24) + 24) % 24;

  const world = new World({
    clock,
    mode: headless ? 'stepped' : 'paced',
    network: engine.network,
    vertices: verticesByGrid(engine.places, engine.grids),
    seed: options.seed,
    log,
    verbose: options.verbose,
    utcOffsetHours: options.utcOffsetHours,
  });
  const dispatcher = new DispatcherAgent(engine.dispatcher, world, policy, options.dispatchAt);
  dispatcher.attach(engine.dispatcherEvents);
  world.onCleared = (incidentId, assignmentId) => dispatcher.unitCleared(incidentId, assignmentId);
  world.beforeDecision = () => engine.beforeDecision();
  if (policy.standbyTarget) {
    const standby = policy.standbyTarget.bind(policy);
    world.standbyTarget = (unit) => standby(unit, clock.now());
  }
  await policy.start?.(
    {
      network: engine.network,
      grids: engine.grids,
      hotspots: engine.hotspots,
      places: engine.places,
      seed: options.seed,
      startSimMs,
      startHour,
      utcOffsetHours: options.utcOffsetHours,
      callsPerHour: options.callsPerHour,
      hotspotShare: options.hotspotShare,
      log,
    },
    dispatcher.context,
  );

  const rng = createRng(options.seed).fork('units');
  const agents: UnitAgent[] = engine.crews.map(({ unit, terminal, events }) => {
    const at = unit.position!.lngLat;
    const agent = new UnitAgent(unit, at, at, unit.status, terminal, world, rng.fork(unit.callSign));
    agent.attach(events);
    world.addUnit(unit.id, agent);
    return agent;
  });
  engine.start(world, agents);
  for (const agent of agents) agent.start();
  const setupSeconds = (Date.now() - setupStarted) / 1000;
  log(
    `setup ${setupSeconds.toFixed(1)} s (${engine.name} engine): ${agents.length} unit terminals, ${engine.places.length} road vertices, ${engine.hotspots.length} hot spots, policy ${policy.name}`,
  );

  const callsFor = (chunk: number): SimCall[] =>
    generateCalls({
      seed: options.seed + chunk,
      startHour: (startHour + chunk * options.hours) % 24,
      hours: options.hours,
      callsPerHour: options.callsPerHour,
      hotspotShare: options.hotspotShare,
      hotspots: engine.hotspots,
      background: engine.places,
    });
  let chunk = 0;
  const queueChunk = () => {
    const offset = chunk * options.hours * 3600;
    const calls = callsFor(chunk);
    for (const call of calls)
      world.at(startSimMs + (offset + call.atSeconds) * 1000, () => dispatcher.takeCall(call));
    chunk += 1;
    return calls.length;
  };
  const callCount = queueChunk();
  log(
    `${callCount} calls in ${options.hours} simulated hours (seed ${options.seed})${headless ? ', stepped clock' : `, speed x${options.speed}`}`,
  );

  const runStarted = Date.now();
  const windowEnd = startSimMs + options.hours * 3600 * 1000;
  const drainEnd = windowEnd + options.drainMinutes * 60 * 1000;
  const allArrived = () => [...dispatcher.incidents.keys()].every((id) => world.hasArrival(id));

  if (stepped) {
    const steps = new StepLog(startSimMs);
    engine.useTimeMapping?.((realMs) => steps.toSim(realMs));
    await runStepped(world, stepped, {
      stopBefore: (next) =>
        next > drainEnd || (next > windowEnd && world.counters.calls >= callCount && allArrived()),
      beforeStep: async (next) => {
        await engine.beforeStep(next);
        steps.record(Date.now(), next);
      },
    });
    // The end of the run is the end of the window at least (a quiet last hour still counts).
    if (clock.now() < windowEnd) stepped.stepTo(windowEnd);
  } else {
    engine.useTimeMapping?.((realMs) => startSimMs + (realMs - clockStartReal) * options.speed);
    let sweeping = false;
    let lastSweep = Date.now();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const realNow = Date.now();
        world.scheduler.runDue(clock.now(), (error) =>
          world.log(`task failed: ${(error as Error).message}`, true),
        );
        engine.tick?.(realNow);
        if (!sweeping && realNow - lastSweep > 30_000) {
          sweeping = true;
          lastSweep = realNow;
          void dispatcher.sweep().finally(() => (sweeping = false));
        }
        if (clock.now() > startSimMs + chunk * options.hours * 3600 * 1000 - 600_000) queueChunk();
        if (options.signal?.aborted) {
          clearInterval(timer);
          resolve();
        }
      }, TICK_MS);
    });
  }
  const runRealSeconds = (Date.now() - runStarted) / 1000;

  // Measured from the console's own records, not from what the simulator believes.
  const tracked = [...dispatcher.incidents.values()];
  const times = await engine.incidentTimes(tracked.map((t) => t.id));
  const after = (from: number, to: number | null) => (to === null ? null : (to - from) / 1000);
  const simulatedHours = clock.elapsedSeconds() / 3600;
  const unitHours = agents.length * simulatedHours;
  const moves = world.counters.standbyMoves + world.counters.moveUps;
  const movesPerUnitHour = unitHours > 0 ? moves / unitHours : 0;
  return {
    policy: policy.name,
    seed: options.seed,
    engine: engine.name,
    summary: { ...summarize(policy.name, times), movesPerUnitHour },
    incidents: tracked.map(({ call }, i) => ({
      seq: call.seq,
      callTakingSeconds: call.callTakingSeconds,
      dispatchAfterSeconds: call.dispatchAfterSeconds,
      dispatchSeconds: after(times[i]!.receivedAt, times[i]!.firstDispatchedAt),
      onSceneSeconds: after(times[i]!.receivedAt, times[i]!.firstOnSceneAt),
    })),
    counters: { ...world.counters },
    calls: callCount,
    units: agents.length,
    setupSeconds,
    runRealSeconds,
    simulatedHours,
    movesPerUnitHour,
  };
}
