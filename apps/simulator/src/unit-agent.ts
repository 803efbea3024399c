/**
 * One simulated unit terminal: hears its assignments on its own event stream, patrols its home
 * grid while free, and works an assignment like a crew would: accept, en route, drive the road
 * route, on scene, service time, clear, return to its grid, available again.
 *
 * Event-driven: every step (end of a patrol leg, setting off, arriving, end of the service, back
 * in the grid) is a task on the run's simulated clock at its exact time, so a stepped run moves
 * every unit the same way each time. Where it is between steps is a function of simulated time
 * ({@link UnitAgent.position}); the run reports it (GPS) as its engine needs.
 */
import type { AssignmentDto, SnapshotEvent, StandbyOrderDto, UnitDto } from '@dispatch/contracts';
import { unitStatusForAssignment, type LngLat, type UnitKind, type UnitStatus } from '@dispatch/domain';
import { haversineMeters } from '@dispatch/routing';
import { ApiError } from './api-client.js';
import type { ConsoleEvents, UnitTerminal } from './console-port.js';
import { isStationaryKind, patrolTarget, planLeg, type Leg } from './movement.js';
import { pointAlong } from './path.js';
import type { Rng } from './prng.js';
import type { World } from './world.js';

type Phase = 'free' | 'responding' | 'on_scene' | 'returning';

/** Within this of a standby point a unit is there (road vertices are metres apart). */
const AT_POINT_METERS = 30;

interface Job {
  assignmentId: string;
  incidentId: string;
  target: LngLat | null;
  /** Simulated ms when the crew acknowledges and sets off. */
  departAt: number;
  departed: boolean;
  /** Accept + en route, sent while the unit already drives off. */
  underway: Promise<boolean> | null;
  /** Status of the assignment when the terminal learnt of it. */
  initialStatus: AssignmentDto['status'];
  /** A unit update naming this assignment as the unit's active one has been heard. */
  confirmed: boolean;
}

export interface GpsFix {
  lngLat: LngLat;
  headingDeg: number | null;
  speedMps: number;
}

export interface UnitIdentity {
  id: string;
  callSign: string;
  kind: UnitKind;
  homeGridId: string | null;
}

export class UnitAgent {
  readonly id: string;
  readonly callSign: string;
  readonly kind: UnitKind;
  readonly homeGridId: string | null;
  private phase: Phase = 'free';
  private job: Job | null = null;
  private leg: Leg | null = null;
  private legStartedAt = 0;
  private heading: number | null = null;
  /** Bumped whenever the unit's plan changes: steps scheduled for an older plan do nothing. */
  private epoch = 0;
  private busy = 0;
  /**
   * The server has the unit `returning` (its crew cleared, or it was released on the way), so
   * it reports `available` once back in its grid. Known from the unit's own steps, not from
   * events, which may arrive late.
   */
  private returning: boolean;
  /** The standby point it was last sent to (a new one counts as a relocation). */
  private standbyAt: LngLat | null = null;
  /**
   * The console's standby order for it (a supervisor's "standby at", an accepted move-up): while
   * free it drives there and waits, before any policy's point; null when it has none.
   */
  private order: { id: string; lngLat: LngLat } | null = null;
  /** Newest unit version heard: an older update arriving late is ignored. */
  private unitVersion = -1;

  constructor(
    unit: UnitIdentity,
    /** Where a post or drone waits (its post); mobile units start here. */
    private readonly home: LngLat,
    private at: LngLat,
    status: UnitStatus,
    private readonly terminal: UnitTerminal,
    private readonly world: World,
    private readonly rng: Rng,
  ) {
    this.id = unit.id;
    this.callSign = unit.callSign;
    this.kind = unit.kind;
    this.homeGridId = unit.homeGridId;
    this.returning = status === 'returning';
  }

  /** Wires the unit's own event stream: its assignments arrive in its unit room. */
  attach(events: ConsoleEvents): void {
    events.on('assignment:created', (a) => this.onAssignment(a));
    events.on('assignment:updated', (a) => {
      if (this.job && a.id === this.job.assignmentId && a.status === 'cancelled') this.abandon('cancelled');
    });
    events.on('unit:updated', (u) => this.onUnit(u));
    events.on('snapshot', (s) => {
      this.reconcile(s);
      this.world.track(this.loadOrder()); // an order given while the terminal was away
    });
    events.on('standby:updated', (e) => {
      if (e.unitId === this.id) this.onOrder(e.order);
    });
  }

  /** Starts the unit's day: patrol when free, back to the grid when left returning. */
  start(): void {
    if (this.returning) this.world.track(this.startReturn());
    else if (this.phase === 'free') this.world.track(this.patrol());
    this.world.track(this.loadOrder());
  }

  /** The order standing on the console (the terminal asks once it is connected). */
  private async loadOrder(): Promise<void> {
    const order = await this.step('read standby order', () => this.terminal.standbyOrder(this.id));
    if (order !== null && order.status === 'active' && order.unitId === this.id) this.onOrder(order);
  }

  /** A standby order given, replaced or ended: a free unit sets off for a new point at once. */
  private onOrder(order: StandbyOrderDto | null): void {
    const active = order && order.status === 'active' ? order : null;
    if (!active) {
      this.order = null; // ended (dispatched, cancelled): patrol again after the current wait
      return;
    }
    if (this.order?.id === active.id) return;
    this.order = { id: active.id, lngLat: active.lngLat };
    this.world.log(
      `${this.callSign}: standby order, heading for ${active.lngLat.map((x) => x.toFixed(5)).join(',')}`,
    );
    if (this.relocate(active.lngLat)) this.world.counters.standbyMoves += 1;
  }

  /** Where the unit is at simulated time `now`, as its GPS would say. */
  position(now: number): GpsFix {
    const leg = this.leg;
    if (!leg) return { lngLat: this.at, headingDeg: this.heading, speedMps: 0 };
    const { path, durationSeconds } = leg;
    const f = Math.min(1, Math.max(0, (now - this.legStartedAt) / 1000 / durationSeconds));
    const p = pointAlong(path, f * path.lengthMeters);
    return {
      lngLat: p.lngLat,
      headingDeg: p.headingDeg ?? this.heading,
      speedMps: f < 1 ? path.lengthMeters / durationSeconds : 0,
    };
  }

  /** Runs `step` at `atMs` unless the unit's plan has changed by then. */
  private after(atMs: number, step: () => void | Promise<void>): void {
    const epoch = this.epoch;
    this.world.at(atMs, () => (epoch === this.epoch ? step() : undefined));
  }

  /** Stops where the unit is now (the current leg is dropped) and invalidates scheduled steps. */
  private halt(): void {
    const fix = this.position(this.world.clock.now());
    this.at = fix.lngLat;
    this.heading = fix.headingDeg;
    this.leg = null;
    this.epoch += 1;
  }

  private startLeg(to: LngLat, urgent: boolean, trafficFactor = 1): number {
    this.leg = planLeg(this.world.network, this.kind, this.at, to, { urgent, trafficFactor });
    this.legStartedAt = this.world.clock.now();
    return this.legStartedAt + this.leg.durationSeconds * 1000;
  }

  /** The end of the current leg: the unit stands at its last point. */
  private endLeg(): void {
    if (!this.leg) return;
    const fix = this.position(this.legStartedAt + this.leg.durationSeconds * 1000);
    this.at = fix.lngLat;
    this.heading = fix.headingDeg;
    this.leg = null;
  }

  /** A free unit: the next patrol leg (or the policy's standby point), then a pause. */
  private async patrol(): Promise<void> {
    if (this.phase !== 'free' || this.job || isStationaryKind(this.kind)) return;
    const epoch = this.epoch;
    const asked = this.askStandby();
    const standby = asked ? await asked : null;
    if (epoch !== this.epoch || this.phase !== 'free' || this.job) return;
    // Already waiting there: stay.
    if (standby && haversineMeters(this.at, standby) < AT_POINT_METERS) return this.park();
    if (standby) this.noteStandby(standby);
    const to = standby ?? patrolTarget(this.rng, this.world.gridVertices(this.homeGridId), this.at);
    const end = this.startLeg(to, standby !== null);
    this.after(end, () => {
      this.endLeg();
      this.park();
    });
  }

  /** Park a while (a stop, a check; at a standby point: wait) before the next leg. */
  private park(): void {
    this.after(this.world.clock.now() + this.rng.range(30, 240) * 1000, () => this.patrol());
  }

  /**
   * The console's standby order for this unit, else the policy's standby point when the policy has
   * standby points (else null at once).
   */
  private askStandby(): Promise<LngLat | null> | null {
    if (this.order) return Promise.resolve(this.order.lngLat);
    return (
      this.world.standbyTarget?.({
        id: this.id,
        callSign: this.callSign,
        kind: this.kind,
        homeGridId: this.homeGridId,
        lngLat: this.at,
      }) ?? null
    );
  }

  /** Heading for a standby point: a relocation when it is a new point (not the one it had). */
  private noteStandby(point: LngLat): void {
    if (!this.standbyAt || haversineMeters(this.standbyAt, point) >= AT_POINT_METERS)
      this.world.counters.standbyMoves += 1;
    this.standbyAt = point;
  }

  /**
   * An order from the dispatcher (a move-up): a free unit drops its patrol or wait and drives to
   * `to` now, then waits there. False when it is busy, a post or drone, or still owes the server
   * its return to the grid.
   */
  relocate(to: LngLat): boolean {
    if (this.job || isStationaryKind(this.kind)) return false;
    if (!(this.phase === 'free' || (this.phase === 'returning' && !this.returning))) return false;
    this.halt();
    this.phase = 'free';
    this.standbyAt = to;
    const end = this.startLeg(to, true);
    this.after(end, () => {
      this.endLeg();
      this.park();
    });
    return true;
  }

  private onUnit(u: UnitDto): void {
    if (u.id !== this.id || u.version <= this.unitVersion) return;
    this.unitVersion = u.version;
    const job = this.job;
    if (!job) return;
    if (u.activeAssignmentId === job.assignmentId) job.confirmed = true;
    // Released by the dispatcher (incident closed or cancelled) while still working it. Only
    // after the unit was seen on this job: the update of an earlier job's clear may come late.
    else if (
      job.confirmed &&
      this.busy === 0 &&
      u.activeAssignmentId === null &&
      this.phase !== 'returning'
    ) {
      this.returning = u.status === 'returning';
      this.abandon('released');
    }
  }

  /** After a reconnect that could not be recovered: pick up an assignment we missed. */
  private reconcile(snapshot: SnapshotEvent): void {
    const me = snapshot.units.find((u) => u.id === this.id);
    if (!me) return;
    if (me.activeAssignmentId && me.activeAssignmentId !== this.job?.assignmentId) {
      const a = snapshot.incidents.flatMap((i) => i.assignments).find((x) => x.id === me.activeAssignmentId);
      if (a) this.onAssignment(a);
    }
  }

  private onAssignment(a: AssignmentDto): void {
    if (a.unitId !== this.id || a.status === 'cleared' || a.status === 'cancelled') return;
    if (this.job?.assignmentId === a.id) return;
    this.halt();
    const now = this.world.clock.now();
    const job: Job = {
      assignmentId: a.id,
      incidentId: a.incidentId,
      target: null,
      // Crew acknowledges and sets off: 10-25 s (already moving, radio in hand).
      departAt: now + this.rng.range(10, 25) * 1000,
      departed: false,
      underway: a.status === 'en_route' ? Promise.resolve(true) : null,
      initialStatus: a.status,
      confirmed: false,
    };
    this.job = job;
    this.phase = 'responding';
    this.world.noteAssigned(this, a);
    if (a.status === 'on_scene') {
      // Picked up after a reconnect while already on scene: finish the service from now.
      this.phase = 'on_scene';
      this.world.assignmentReceived(a.id);
      this.after(now + this.world.serviceSeconds(a.incidentId) * 1000, () => this.clear(job));
      return;
    }
    // The terminal shows the incident (and its location) while the crew acknowledges.
    this.world.track(this.locate(job));
  }

  private async locate(job: Job): Promise<void> {
    for (let attempt = 0; attempt < 3 && this.job === job && !job.target; attempt++) {
      try {
        job.target = (await this.terminal.incident(job.incidentId)).lngLat;
      } catch (error) {
        this.world.log(
          `${this.callSign}: incident ${job.incidentId} not readable: ${(error as Error).message}`,
        );
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    this.world.assignmentReceived(job.assignmentId);
    if (this.job !== job) return;
    if (!job.target) return this.abandon('incident unknown');
    this.after(job.departAt, () => this.depart(job));
  }

  private abandon(reason: string): void {
    this.world.log(`${this.callSign}: assignment ${reason}, returning`);
    this.job = null;
    this.halt();
    this.world.track(this.startReturn());
  }

  /** Back to the grid after a job: to its standby point when the policy gives one. */
  private async startReturn(): Promise<void> {
    this.phase = 'returning';
    const epoch = this.epoch;
    const asked = isStationaryKind(this.kind) ? null : this.askStandby();
    const standby = asked ? await asked : null;
    if (epoch !== this.epoch || this.phase !== 'returning' || this.job) return;
    if (standby) this.noteStandby(standby);
    const target = isStationaryKind(this.kind)
      ? this.home
      : (standby ?? patrolTarget(this.rng, this.world.gridVertices(this.homeGridId), this.at));
    const end = this.startLeg(target, true);
    this.after(end, () => this.backInGrid());
  }

  private async step<T>(what: string, action: () => Promise<T>): Promise<T | null> {
    this.busy += 1;
    try {
      return await action();
    } catch (error) {
      const expected = error instanceof ApiError && [404, 409].includes(error.status);
      this.world.log(`${this.callSign}: ${what} failed: ${(error as Error).message}`, !expected);
      return null;
    } finally {
      this.busy -= 1;
    }
  }

  /** Sets off at once; accept and en route go to the server on the way (as a crew would press them). */
  private depart(job: Job): void {
    job.departed = true;
    const end = this.startLeg(job.target!, true, this.world.trafficFactor(job.incidentId, this.callSign));
    if (!job.underway) {
      job.underway = (async () => {
        try {
          if (job.initialStatus === 'assigned')
            await this.terminal.assignmentAction(job.assignmentId, 'accept');
          await this.terminal.assignmentAction(job.assignmentId, 'en_route');
          return true;
        } catch (error) {
          const expected = error instanceof ApiError && [404, 409].includes(error.status);
          this.world.log(`${this.callSign}: accept/en route failed: ${(error as Error).message}`, !expected);
          if (this.job === job) this.abandon('not accepted');
          return false;
        }
      })();
      this.world.track(job.underway);
    }
    this.after(end, () => this.arrive(job));
  }

  private async arrive(job: Job): Promise<void> {
    const ok = await this.step('on scene', async () => {
      if (!(await job.underway)) return null;
      return this.terminal.assignmentAction(job.assignmentId, 'on_scene');
    });
    if (this.job !== job) return;
    if (!ok) return this.abandon('not on scene');
    this.endLeg();
    this.phase = 'on_scene';
    this.world.noteArrived(this, job.incidentId);
    this.after(this.world.clock.now() + this.world.serviceSeconds(job.incidentId) * 1000, () =>
      this.clear(job),
    );
  }

  private async clear(job: Job): Promise<void> {
    if (this.job !== job) return;
    this.job = null;
    const cleared = await this.step('clear', () => this.terminal.assignmentAction(job.assignmentId, 'clear'));
    if (cleared) this.returning = unitStatusForAssignment(cleared.status) === 'returning';
    this.world.noteCleared(this, job.incidentId, job.assignmentId);
    if (!this.job) await this.startReturn();
  }

  private async backInGrid(): Promise<void> {
    this.endLeg();
    if (this.returning) {
      await this.step('available', async () => {
        this.returning = (await this.terminal.setUnitStatus(this.id, 'available')).status === 'returning';
      });
    }
    if (this.phase === 'returning' && !this.job) {
      this.phase = 'free';
      this.after(this.world.clock.now() + this.rng.range(30, 120) * 1000, () => this.patrol());
    }
  }
}
