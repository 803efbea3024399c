/**
 * What all agents of one run share: the simulated clock and its event queue, the road network,
 * patrol vertices per grid, the calls behind the incidents (their true service time), the work
 * in flight, counters and the log.
 */
import type { AssignmentDto } from '@dispatch/contracts';
import type { LngLat } from '@dispatch/domain';
import type { RoadNetwork } from '@dispatch/routing';
import { serviceSecondsFor } from './call-mix.js';
import type { SimCall } from './call-generator.js';
import { createRng, type Rng } from './prng.js';
import { Scheduler, type Task } from './scheduler.js';
import type { SimClock } from './sim-clock.js';
import type { UnitIdentity } from './unit-agent.js';

export interface RunCounters {
  calls: number;
  incidentsCreated: number;
  dispatches: number;
  assignments: number;
  arrivals: number;
  clears: number;
  closed: number;
  errors: number;
  /** Free units sent to a new standby point (the first of the shift included). */
  standbyMoves: number;
  /** Move-up orders a free unit carried out. */
  moveUps: number;
}

/**
 * `stepped`: headless; the run steps the clock from event to event and waits for all work of a
 * step (requests, the events they cause) before the next, so the order of everything is fixed.
 * `paced`: live; events fire as real time reaches them and requests overlap.
 */
export type WorldMode = 'stepped' | 'paced';

export interface WorldOptions {
  clock: SimClock;
  mode: WorldMode;
  network: RoadNetwork | null;
  /** Patrol vertices by grid id. */
  vertices: Map<string, LngLat[]>;
  seed: number;
  log: (line: string) => void;
  verbose: boolean;
  utcOffsetHours?: number;
}

/** How long a stepped run waits for an event the server owes it (an assignment) before going on. */
const DELIVERY_TIMEOUT_MS = 15_000;

export class World {
  readonly counters: RunCounters = {
    calls: 0,
    incidentsCreated: 0,
    dispatches: 0,
    assignments: 0,
    arrivals: 0,
    clears: 0,
    closed: 0,
    errors: 0,
    standbyMoves: 0,
    moveUps: 0,
  };
  readonly scheduler = new Scheduler();
  readonly clock: SimClock;
  readonly mode: WorldMode;
  readonly network: RoadNetwork | null;
  /**
   * Called before every dispatch decision: the server engine makes sure the server ranks on the
   * units' positions of this simulated instant (see server-engine.ts). Local: nothing to do.
   */
  beforeDecision: () => Promise<void> = async () => undefined;
  /**
   * Where a free unit should wait instead of patrolling at random (a standby policy), or null.
   * Set by the run from its policy; none (patrol, and no asking) by default.
   */
  standbyTarget: ((unit: UnitIdentity & { lngLat: LngLat }) => Promise<LngLat | null>) | null = null;
  /** The run's unit agents by unit id (for orders to one of them: move-ups). */
  private readonly movers = new Map<string, { relocate(to: LngLat): boolean }>();
  private readonly calls = new Map<string, SimCall>();
  private readonly arrivedIncidents = new Set<string>();
  private readonly fallbackRng: Rng;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly deliveries = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  private readonly vertices: Map<string, LngLat[]>;
  private readonly seed: number;
  private readonly logger: (line: string) => void;
  private readonly verbose: boolean;
  private readonly utcOffsetHours: number;

  constructor(options: WorldOptions) {
    this.clock = options.clock;
    this.mode = options.mode;
    this.network = options.network;
    this.vertices = options.vertices;
    this.seed = options.seed;
    this.logger = options.log;
    this.verbose = options.verbose;
    this.utcOffsetHours = options.utcOffsetHours ?? 0;
    this.fallbackRng = createRng(options.seed).fork('fallback');
  }

  /**
   * Runs `task` at simulated epoch ms `atMs` (at once if that has passed), rounded up to the
   * millisecond: consoles record times in whole milliseconds, so an event at a fraction of one
   * would read back earlier than it happened.
   */
  at(atMs: number, task: Task): void {
    this.scheduler.at(Math.max(Math.ceil(atMs), this.clock.now()), task);
  }

  /** Runs `task` `seconds` simulated seconds from now. */
  in(seconds: number, task: Task): void {
    this.at(this.clock.now() + seconds * 1000, task);
  }

  /**
   * Work started by an event (not by a scheduled task): a stepped run waits for it before the
   * next step. Failures are the work's own business (logged there); here they are swallowed.
   */
  track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      (error: unknown) => this.log(`unhandled: ${(error as Error).message}`, true),
    );
    this.pending.add(settled);
    void settled.finally(() => this.pending.delete(settled));
  }

  /** Waits until no tracked work is in flight (work may start more work meanwhile). */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private delivery(assignmentId: string) {
    let entry = this.deliveries.get(assignmentId);
    if (!entry) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      entry = { promise, resolve };
      this.deliveries.set(assignmentId, entry);
    }
    return entry;
  }

  /** A unit terminal has its assignment and knows where to go. */
  assignmentReceived(assignmentId: string): void {
    this.delivery(assignmentId).resolve();
  }

  /**
   * Stepped runs: waits until every terminal has received its assignment (the server sends it
   * over the unit's socket, not in the dispatch reply), so the crew's reaction starts at the
   * dispatch instant, not whenever the event happened to arrive.
   */
  async assignmentsReceived(assignmentIds: readonly string[]): Promise<void> {
    if (this.mode !== 'stepped' || assignmentIds.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), DELIVERY_TIMEOUT_MS);
    });
    const all = Promise.all(assignmentIds.map((id) => this.delivery(id).promise));
    const outcome = await Promise.race([all, timeout]);
    clearTimeout(timer);
    for (const id of assignmentIds) this.deliveries.delete(id);
    if (outcome === 'timeout')
      this.log(`assignments ${assignmentIds.join(', ')} never reached a terminal`, true);
  }

  /** Registers a unit agent so the dispatcher's orders reach it. */
  addUnit(id: string, unit: { relocate(to: LngLat): boolean }): void {
    this.movers.set(id, unit);
  }

  /**
   * The dispatcher orders a free unit to drive to `to` now and wait there (a move-up). False when
   * the unit is not one of this run's or cannot go (busy, or a post).
   */
  relocate(unitId: string, to: LngLat): boolean {
    const ok = this.movers.get(unitId)?.relocate(to) ?? false;
    if (ok) this.counters.moveUps += 1;
    return ok;
  }

  log(line: string, important = false): void {
    if (important) this.counters.errors += 1;
    if (important || this.verbose) this.logger(`[${this.simTime()}] ${line}`);
  }

  /** Always printed (one line per incident in live mode). */
  say(line: string): void {
    this.logger(`[${this.simTime()}] ${line}`);
  }

  simTime(): string {
    return new Date(this.clock.now() + this.utcOffsetHours * 3_600_000).toISOString().slice(11, 19);
  }

  gridVertices(gridId: string | null): LngLat[] {
    return (gridId && this.vertices.get(gridId)) || [];
  }

  registerCall(incidentId: string, call: SimCall): void {
    this.calls.set(incidentId, call);
  }

  callOf(incidentId: string): SimCall | undefined {
    return this.calls.get(incidentId);
  }

  /** Time on scene: the call's own figure; incidents the simulator did not create get a typical one. */
  serviceSeconds(incidentId: string): number {
    const call = this.calls.get(incidentId);
    return call ? call.serviceSeconds : serviceSecondsFor('other', this.fallbackRng);
  }

  /** Traffic on this trip: 0.9-1.15 times the model's travel time, fixed per call and unit (reproducible). */
  trafficFactor(incidentId: string, unitCallSign: string): number {
    const key = this.calls.get(incidentId)?.seq ?? incidentId;
    return createRng(this.seed).fork(`${key}:${unitCallSign}`).range(0.9, 1.15);
  }

  /** Whether a unit of this run has reported on scene at the incident. */
  hasArrival(incidentId: string): boolean {
    return this.arrivedIncidents.has(incidentId);
  }

  noteAssigned(_unit: { callSign: string }, _a: AssignmentDto): void {
    this.counters.assignments += 1;
  }

  noteArrived(unit: { callSign: string }, incidentId: string): void {
    this.counters.arrivals += 1;
    this.arrivedIncidents.add(incidentId);
    this.log(`${unit.callSign} on scene at ${this.callOf(incidentId)?.address ?? incidentId}`);
  }

  /** Told of every clear (the dispatcher closes incidents from it in stepped runs). */
  onCleared: (incidentId: string, assignmentId: string) => void = () => undefined;

  noteCleared(_unit: { callSign: string }, incidentId: string, assignmentId: string): void {
    this.counters.clears += 1;
    this.onCleared(incidentId, assignmentId);
  }
}
