/**
 * One simulated unit terminal: logs in as its own unit user, reports GPS over its own socket,
 * patrols its home grid while free, and works an assignment like a crew would: accept, en route,
 * drive the road route, on scene, service time, clear, return to its grid, available again.
 */
import type {
  AssignmentDto,
  ClientToServerEvents,
  ServerToClientEvents,
  SnapshotEvent,
  UnitDto,
} from '@dispatch/contracts';
import type { LngLat, UnitKind, UnitStatus } from '@dispatch/domain';
import type { Socket } from 'socket.io-client';
import { ApiError, type ApiClient } from './api-client.js';
import { isStationaryKind, patrolTarget, planLeg, type Leg } from './movement.js';
import { pointAlong } from './path.js';
import type { Rng } from './prng.js';
import type { World } from './world.js';

type Phase = 'free' | 'responding' | 'on_scene' | 'returning';

interface Job {
  assignmentId: string;
  incidentId: string;
  target: LngLat | null;
  /** Simulated ms when the crew acknowledges and sets off. */
  departAt: number;
  serviceEndAt: number | null;
  departed: boolean;
  /** Accept + en route, sent while the unit already drives off. */
  underway: Promise<boolean> | null;
  /** Status of the assignment when the terminal learnt of it. */
  initialStatus: AssignmentDto['status'];
}

export class UnitAgent {
  private phase: Phase = 'free';
  private job: Job | null = null;
  private leg: Leg | null = null;
  private legStartedAt = 0;
  private pauseUntil = 0;
  private busy = false;
  private heading: number | null = null;
  private speedMps = 0;
  private serverStatus: UnitStatus;
  private lastReportReal = 0;
  socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

  constructor(
    readonly id: string,
    readonly callSign: string,
    readonly kind: UnitKind,
    readonly homeGridId: string | null,
    /** Where a post or drone waits (its post); mobile units start here. */
    private readonly home: LngLat,
    private position: LngLat,
    status: UnitStatus,
    private readonly api: ApiClient,
    private readonly world: World,
    private readonly rng: Rng,
  ) {
    this.serverStatus = status;
    // Left returning by an earlier session: head back to the grid first.
    if (status === 'returning') this.phase = 'returning';
  }

  get lngLat(): LngLat {
    return this.position;
  }

  /** Wires the unit's own socket: its assignments arrive in its unit room. */
  attach(socket: Socket<ServerToClientEvents, ClientToServerEvents>): void {
    this.socket = socket;
    socket.on('assignment:created', (a) => this.onAssignment(a));
    socket.on('assignment:updated', (a) => {
      if (this.job && a.id === this.job.assignmentId && a.status === 'cancelled') this.abandon('cancelled');
    });
    socket.on('unit:updated', (u) => this.onUnit(u));
    socket.on('snapshot', (s) => this.reconcile(s));
  }

  private onUnit(u: UnitDto): void {
    if (u.id !== this.id) return;
    this.serverStatus = u.status;
    // Released by the dispatcher (incident closed or cancelled) while still working it.
    if (this.job && !this.busy && u.activeAssignmentId === null && this.phase !== 'returning') {
      this.abandon('released');
    }
  }

  /** After a reconnect that could not be recovered: pick up an assignment we missed. */
  private reconcile(snapshot: SnapshotEvent): void {
    const me = snapshot.units.find((u) => u.id === this.id);
    if (!me) return;
    this.serverStatus = me.status;
    if (me.activeAssignmentId && me.activeAssignmentId !== this.job?.assignmentId) {
      const a = snapshot.incidents.flatMap((i) => i.assignments).find((x) => x.id === me.activeAssignmentId);
      if (a) this.onAssignment(a);
    }
  }

  private onAssignment(a: AssignmentDto): void {
    if (a.unitId !== this.id || a.status === 'cleared' || a.status === 'cancelled') return;
    if (this.job?.assignmentId === a.id) return;
    const now = this.world.clock.now();
    this.job = {
      assignmentId: a.id,
      incidentId: a.incidentId,
      target: null,
      // Crew acknowledges and sets off: 10-25 s (already moving, radio in hand).
      departAt: now + this.rng.range(10, 25) * 1000,
      serviceEndAt: null,
      departed: false,
      underway: a.status === 'en_route' ? Promise.resolve(true) : null,
      initialStatus: a.status,
    };
    this.phase = 'responding';
    this.leg = null;
    this.world.noteAssigned(this, a);
    if (a.status === 'on_scene') {
      // Picked up after a reconnect while already on scene: finish the service from now.
      this.phase = 'on_scene';
      this.job.serviceEndAt = now + this.world.serviceSeconds(a.incidentId) * 1000;
      return;
    }
    // The terminal shows the incident (and its location) while the crew acknowledges.
    void this.locate(this.job);
  }

  private async locate(job: Job): Promise<void> {
    for (let attempt = 0; attempt < 3 && this.job === job && !job.target; attempt++) {
      try {
        job.target = (await this.api.incident(job.incidentId)).lngLat;
      } catch (error) {
        this.world.log(
          `${this.callSign}: incident ${job.incidentId} not readable: ${(error as Error).message}`,
        );
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    if (this.job === job && !job.target) this.abandon('incident unknown');
  }

  private abandon(reason: string): void {
    this.world.log(`${this.callSign}: assignment ${reason}, returning`);
    this.job = null;
    this.startReturn();
  }

  private startLeg(to: LngLat, urgent: boolean, trafficFactor = 1): void {
    this.leg = planLeg(this.world.network, this.kind, this.position, to, { urgent, trafficFactor });
    this.legStartedAt = this.world.clock.now();
  }

  private startReturn(): void {
    this.phase = 'returning';
    const target = isStationaryKind(this.kind)
      ? this.home
      : patrolTarget(this.rng, this.world.gridVertices(this.homeGridId), this.position);
    this.startLeg(target, true);
  }

  /**
   * Simulated time of this unit's next step that talks to the server (set off, arrive, clear,
   * back in the grid); the clock does not run past it. Null when nothing is due.
   */
  nextDeadline(): number | null {
    const legEnd = this.leg ? this.legStartedAt + this.leg.durationSeconds * 1000 : null;
    switch (this.phase) {
      case 'free':
        return null;
      case 'responding':
        if (!this.job) return null;
        if (!this.job.departed) return this.job.target ? this.job.departAt : null;
        return legEnd;
      case 'on_scene':
        return this.job?.serviceEndAt ?? null;
      case 'returning':
        return legEnd;
    }
  }

  /** Advances the unit to simulated time `now`; fires the status calls due. */
  tick(now: number): void {
    this.move(now);
    if (this.busy) return;
    const arrived = this.leg !== null && now >= this.legStartedAt + this.leg.durationSeconds * 1000;
    switch (this.phase) {
      case 'free':
        if (isStationaryKind(this.kind)) return;
        if (!this.leg && now >= this.pauseUntil) {
          const to = patrolTarget(this.rng, this.world.gridVertices(this.homeGridId), this.position);
          this.startLeg(to, false);
        } else if (arrived) {
          this.leg = null;
          // Park a while (a stop, a check) before the next leg.
          this.pauseUntil = now + this.rng.range(30, 240) * 1000;
        }
        return;
      case 'responding':
        if (this.job && !this.job.departed && this.job.target && now >= this.job.departAt)
          this.depart(this.job);
        else if (this.job?.departed && arrived) void this.arrive(this.job);
        return;
      case 'on_scene':
        if (this.job?.serviceEndAt && now >= this.job.serviceEndAt) void this.clear(this.job);
        return;
      case 'returning':
        if (!this.leg) this.startReturn();
        else if (arrived) void this.backInGrid();
        return;
    }
  }

  private move(now: number): void {
    if (!this.leg) {
      this.speedMps = 0;
      return;
    }
    const { path, durationSeconds } = this.leg;
    const f = Math.min(1, Math.max(0, (now - this.legStartedAt) / 1000 / durationSeconds));
    const at = pointAlong(path, f * path.lengthMeters);
    this.position = at.lngLat;
    this.heading = at.headingDeg ?? this.heading;
    this.speedMps = f < 1 ? path.lengthMeters / durationSeconds : 0;
  }

  /** GPS report over the unit's own socket (dropped, not queued, while disconnected). */
  report(realNow: number): void {
    if (!this.socket?.connected) return;
    this.lastReportReal = realNow;
    const heading = this.heading === null ? undefined : Math.min(359.9, Math.max(0, this.heading));
    this.socket.volatile.emit('unit:position', {
      lng: this.position[0],
      lat: this.position[1],
      ...(heading === undefined ? {} : { headingDeg: heading }),
      speedMps: Math.min(99, Math.round(this.speedMps * 10) / 10),
      at: new Date(realNow).toISOString(),
    });
  }

  get lastReport(): number {
    return this.lastReportReal;
  }

  staggerReports(realMs: number): void {
    this.lastReportReal = realMs;
  }

  private async step<T>(what: string, action: () => Promise<T>): Promise<T | null> {
    this.busy = true;
    try {
      return await action();
    } catch (error) {
      const expected = error instanceof ApiError && [404, 409].includes(error.status);
      this.world.log(`${this.callSign}: ${what} failed: ${(error as Error).message}`, !expected);
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** Sets off at once; accept and en route go to the server on the way (as a crew would press them). */
  private depart(job: Job): void {
    job.departed = true;
    this.startLeg(job.target!, true, this.world.trafficFactor(job.incidentId, this.callSign));
    job.underway ??= (async () => {
      try {
        if (job.initialStatus === 'assigned') await this.api.assignmentAction(job.assignmentId, 'accept');
        await this.api.assignmentAction(job.assignmentId, 'en_route');
        return true;
      } catch (error) {
        const expected = error instanceof ApiError && [404, 409].includes(error.status);
        this.world.log(`${this.callSign}: accept/en route failed: ${(error as Error).message}`, !expected);
        if (this.job === job) this.abandon('not accepted');
        return false;
      }
    })();
  }

  private async arrive(job: Job): Promise<void> {
    const ok = await this.step('on scene', async () => {
      if (!(await job.underway)) return null;
      return this.api.assignmentAction(job.assignmentId, 'on_scene');
    });
    if (this.job !== job) return;
    if (!ok) return this.abandon('not on scene');
    this.leg = null;
    this.phase = 'on_scene';
    job.serviceEndAt = this.world.clock.now() + this.world.serviceSeconds(job.incidentId) * 1000;
    this.world.noteArrived(this, job.incidentId);
  }

  private async clear(job: Job): Promise<void> {
    this.job = null;
    await this.step('clear', () => this.api.assignmentAction(job.assignmentId, 'clear'));
    this.world.noteCleared(this, job.incidentId);
    if (!this.job) this.startReturn();
  }

  private async backInGrid(): Promise<void> {
    this.leg = null;
    if (this.serverStatus === 'returning') {
      await this.step('available', async () => {
        this.serverStatus = (await this.api.setUnitStatus(this.id, 'available')).status;
      });
    }
    if (this.phase === 'returning' && !this.job) {
      this.phase = 'free';
      this.pauseUntil = this.world.clock.now() + this.rng.range(30, 120) * 1000;
    }
  }
}
