/**
 * The call-taker and dispatcher: logs each call as an incident when it is picked up and, while
 * still on the line, sends the plan's first-tier units as soon as the call's type and location
 * are known (边接警、边派警: `dispatchAfterSeconds`, 10-40 s into the call), chosen by the run's
 * policy. Resolves and closes its incidents once every unit has cleared. Survives 409s (a unit
 * taken meanwhile: choose again) and a failing server (retry later).
 */
import type { IncidentDto, PostDto } from '@dispatch/contracts';
import { activeUnitIds, isIncidentResolvable, isIncidentTerminal } from '@dispatch/domain';
import { ApiError } from './api-client.js';
import type { SimCall } from './call-generator.js';
import type { ConsoleEvents, DispatcherConsole, DispatchResult } from './console-port.js';
import type { DispatchPolicy, PolicyContext } from './policies/index.js';
import type { World } from './world.js';

export interface TrackedIncident {
  id: string;
  number: string;
  call: SimCall;
  dispatched: boolean;
  done: boolean;
  /** Assignments of this run's units that have not cleared yet (stepped runs close from these). */
  open: Set<string>;
}

/**
 * When the call-taker sends units: `ready`, as soon as type and location are known (while still
 * on the line), or `end-of-call`, after the whole call-taking (how the simulator worked before).
 */
export type DispatchAt = 'ready' | 'end-of-call';

/** Retry a dispatch that found nobody after this many simulated seconds. */
const RETRY_SECONDS = 30;

export class DispatcherAgent {
  readonly incidents = new Map<string, TrackedIncident>();
  private closing = new Set<string>();
  private postRanges: Promise<Map<string, number>> | null = null;
  /** What the policy sees of the console (also handed to its `start`). */
  readonly context: PolicyContext;

  constructor(
    private readonly api: DispatcherConsole,
    private readonly world: World,
    readonly policy: DispatchPolicy,
    private readonly dispatchAt: DispatchAt = 'ready',
  ) {
    this.context = {
      console: api,
      now: () => world.clock.now(),
      // Posts do not change during a run: read their ranges once.
      postRanges: () =>
        (this.postRanges ??= this.api
          .posts()
          .then((posts: PostDto[]) => new Map(posts.map((p) => [p.id, p.rangeMeters])))
          .catch((error: unknown) => {
            this.postRanges = null;
            throw error;
          })),
    };
  }

  attach(events: ConsoleEvents): void {
    events.on('incident:updated', (i) => this.onIncident(i));
  }

  /** A call is picked up: log it now, dispatch once its type and location are known. */
  async takeCall(call: SimCall): Promise<void> {
    this.world.counters.calls += 1;
    let incident: IncidentDto;
    try {
      incident = await this.api.createIncident({
        type: call.type,
        priority: call.priority,
        location: { lng: call.lngLat[0], lat: call.lngLat[1] },
        address: call.address,
        description: call.description,
        source: 'call',
        // The policy under test decides who goes, also for types the server would auto-dispatch.
        autoDispatch: false,
      });
    } catch (error) {
      this.world.log(`call #${call.seq} could not be logged: ${(error as Error).message}`, true);
      return;
    }
    this.world.counters.incidentsCreated += 1;
    this.world.registerCall(incident.id, call);
    this.incidents.set(incident.id, {
      id: incident.id,
      number: incident.number,
      call,
      dispatched: false,
      done: false,
      open: new Set(),
    });
    this.world.say(
      `${incident.number} ${call.type} P${call.priority} at ${call.address}${call.hotspotCode ? ` (${call.hotspotCode})` : ''}`,
    );
    const after = this.dispatchAt === 'ready' ? call.dispatchAfterSeconds : call.callTakingSeconds;
    this.world.in(after, () => this.dispatch(incident, 0));
  }

  private async dispatch(incident: IncidentDto, attempt: number): Promise<void> {
    const tracked = this.incidents.get(incident.id);
    if (!tracked || tracked.dispatched) return;
    const started = Date.now();
    try {
      await this.sendUnits(incident, tracked, attempt, started);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'INCIDENT_CLOSED') return;
      // A unit was taken meanwhile (409): choose again at once, then back off.
      const conflict = error instanceof ApiError && error.status === 409;
      this.world.log(`${incident.number}: dispatch failed (${(error as Error).message})`, !conflict);
      this.world.in(conflict && attempt < 3 ? 1 : RETRY_SECONDS, () => this.dispatch(incident, attempt + 1));
    }
  }

  private async sendUnits(
    incident: IncidentDto,
    tracked: TrackedIncident,
    attempt: number,
    started: number,
  ): Promise<void> {
    await this.world.beforeDecision();
    const unitIds = await this.policy.chooseUnits(incident, this.context);
    if (unitIds.length === 0) {
      this.world.log(`${incident.number}: no free unit, retry in ${RETRY_SECONDS} s`, attempt === 0);
      this.world.in(RETRY_SECONDS, () => this.dispatch(incident, attempt + 1));
      return;
    }
    const result = await this.api.dispatch(incident.id, unitIds);
    tracked.dispatched = true;
    for (const a of result.assignments) tracked.open.add(a.id);
    this.world.counters.dispatches += 1;
    const sent = result.assignments.map(
      (a) => `${a.callSign}${a.etaSeconds === null ? '' : ` ~${Math.round(a.etaSeconds)}s`}`,
    );
    this.world.say(
      `${incident.number} dispatched (${this.policy.name}): ${sent.join(', ')} [${Date.now() - started} ms real]`,
    );
    await this.world.assignmentsReceived(result.assignments.map((a) => a.id));
    if (this.policy.afterDispatch) await this.moveUp(result, unitIds);
  }

  /** The policy's move-ups after a dispatch, ordered at once (a failure costs the moves only). */
  private async moveUp(result: DispatchResult, unitIds: string[]): Promise<void> {
    try {
      const moves = await this.policy.afterDispatch!({ incident: result.incident, unitIds }, this.context);
      for (const m of moves)
        if (this.world.relocate(m.unitId, m.lngLat)) this.world.log(`move-up: ${m.unitId}`);
    } catch (error) {
      this.world.log(`${result.incident.number}: move-up failed (${(error as Error).message})`, true);
    }
  }

  /**
   * One of this run's units has cleared from the incident. Stepped runs close the incident from
   * here once all have (the same moment the incident update would say so, but not dependent on
   * when that event arrives).
   */
  unitCleared(incidentId: string, assignmentId: string): void {
    const tracked = this.incidents.get(incidentId);
    if (!tracked || !tracked.open.delete(assignmentId)) return;
    if (this.world.mode === 'stepped' && tracked.open.size === 0) this.world.track(this.finish(incidentId));
  }

  private onIncident(incident: IncidentDto): void {
    const tracked = this.incidents.get(incident.id);
    if (!tracked) return;
    if (incident.firstDispatchedAt) tracked.dispatched = true;
    if (isIncidentTerminal(incident.status)) tracked.done = true;
    if (this.world.mode === 'stepped') return;
    // Every unit done (none active, at least one cleared after working the scene).
    const allClear =
      activeUnitIds(incident.assignments).length === 0 &&
      incident.assignments.some((a) => a.status === 'cleared');
    if ((isIncidentResolvable(incident.status) && allClear) || incident.status === 'resolved')
      this.world.track(this.finish(incident.id, incident.status));
  }

  /** Every unit has cleared: resolve (if still open) and close. */
  private async finish(incidentId: string, knownStatus?: IncidentDto['status']): Promise<void> {
    const tracked = this.incidents.get(incidentId);
    if (this.closing.has(incidentId) || tracked?.done) return;
    this.closing.add(incidentId);
    const number = tracked?.number ?? incidentId;
    try {
      if (knownStatus !== 'resolved') await this.api.resolve(incidentId, 'resolved_on_scene');
      await this.api.close(incidentId);
      this.world.counters.closed += 1;
      if (tracked) tracked.done = true;
      this.world.log(`${number} closed`);
    } catch (error) {
      this.closing.delete(incidentId);
      const expected = error instanceof ApiError && error.status === 409;
      this.world.log(`${number}: close failed (${(error as Error).message})`, !expected);
    }
  }

  /** Catch-up after missed events (reconnects): re-read open incidents of ours. */
  async sweep(): Promise<void> {
    const open = [...this.incidents.values()].filter((t) => !t.done);
    for (const t of open) {
      try {
        this.onIncident(await this.api.incident(t.id));
      } catch (error) {
        this.world.log(`sweep ${t.number}: ${(error as Error).message}`);
      }
    }
  }
}
