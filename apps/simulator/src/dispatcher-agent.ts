/**
 * The call-taker and dispatcher: logs each call as an incident when it is picked up, takes the
 * call's call-taking time, then sends the plan's first-tier units chosen by the run's policy.
 * Resolves and closes its incidents once every unit has cleared. Survives 409s (a unit taken
 * meanwhile: choose again) and a failing server (retry later).
 */
import type { ClientToServerEvents, IncidentDto, ServerToClientEvents } from '@dispatch/contracts';
import { activeUnitIds, isIncidentResolvable, isIncidentTerminal } from '@dispatch/domain';
import type { Socket } from 'socket.io-client';
import { ApiError, type ApiClient } from './api-client.js';
import type { SimCall } from './call-generator.js';
import { straightLineChoice } from './straight-line-policy.js';
import type { World } from './world.js';

export type DispatchPolicy = 'road' | 'straight';

export interface TrackedIncident {
  id: string;
  number: string;
  call: SimCall;
  dispatched: boolean;
  firstOnScene: boolean;
  done: boolean;
}

/** Retry a dispatch that found nobody after this many simulated seconds. */
const RETRY_SECONDS = 30;

export class DispatcherAgent {
  readonly incidents = new Map<string, TrackedIncident>();
  private closing = new Set<string>();
  private postRanges: Promise<Map<string, number>> | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly world: World,
    readonly policy: DispatchPolicy,
    private readonly schedule: (simSeconds: number, task: () => void) => void,
  ) {}

  attach(socket: Socket<ServerToClientEvents, ClientToServerEvents>): void {
    socket.on('incident:updated', (i) => this.onIncident(i));
  }

  /** A call is picked up: log it now, dispatch after the call-taking time. */
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
      firstOnScene: false,
      done: false,
    });
    this.world.say(
      `${incident.number} ${call.type} P${call.priority} at ${call.address}${call.hotspotCode ? ` (${call.hotspotCode})` : ''}`,
    );
    this.schedule(call.callTakingSeconds, () => void this.dispatch(incident, 0));
  }

  private async choose(incident: IncidentDto): Promise<string[]> {
    if (this.policy === 'road') {
      const rec = await this.api.recommendations(incident.id);
      return rec.candidates.filter((c) => c.tier === 1).map((c) => c.unitId);
    }
    const units = await this.api.units();
    // Posts do not change during a run: read their ranges once.
    this.postRanges ??= this.api
      .posts()
      .then((posts) => new Map(posts.map((p) => [p.id, p.rangeMeters])))
      .catch((error: unknown) => {
        this.postRanges = null;
        throw error;
      });
    const postRangeMeters = await this.postRanges;
    return straightLineChoice(
      {
        type: incident.type,
        priority: incident.priority as 1 | 2 | 3 | 4,
        lngLat: incident.lngLat,
        gridId: incident.gridId,
      },
      units,
      { postRangeMeters },
    );
  }

  private async dispatch(incident: IncidentDto, attempt: number): Promise<void> {
    const tracked = this.incidents.get(incident.id);
    if (!tracked || tracked.dispatched) return;
    const started = Date.now();
    try {
      // Choosing and sending is one act of the dispatcher: the simulated clock waits for both.
      await this.world.clock.hold(() => this.sendUnits(incident, tracked, attempt, started));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'INCIDENT_CLOSED') return;
      // A unit was taken meanwhile (409): choose again at once, then back off.
      const conflict = error instanceof ApiError && error.status === 409;
      this.world.log(`${incident.number}: dispatch failed (${(error as Error).message})`, !conflict);
      this.schedule(
        conflict && attempt < 3 ? 1 : RETRY_SECONDS,
        () => void this.dispatch(incident, attempt + 1),
      );
    }
  }

  private async sendUnits(
    incident: IncidentDto,
    tracked: TrackedIncident,
    attempt: number,
    started: number,
  ): Promise<void> {
    const unitIds = await this.choose(incident);
    if (unitIds.length === 0) {
      this.world.log(`${incident.number}: no free unit, retry in ${RETRY_SECONDS} s`, attempt === 0);
      this.schedule(RETRY_SECONDS, () => void this.dispatch(incident, attempt + 1));
      return;
    }
    const result = await this.api.dispatch(incident.id, unitIds);
    tracked.dispatched = true;
    this.world.counters.dispatches += 1;
    const sent = result.assignments.map(
      (a) => `${a.callSign}${a.etaSeconds === null ? '' : ` ~${Math.round(a.etaSeconds)}s`}`,
    );
    this.world.say(
      `${incident.number} dispatched (${this.policy}): ${sent.join(', ')} [${Date.now() - started} ms real]`,
    );
  }

  private onIncident(incident: IncidentDto): void {
    const tracked = this.incidents.get(incident.id);
    if (!tracked) return;
    if (incident.firstOnSceneAt) tracked.firstOnScene = true;
    if (incident.firstDispatchedAt) tracked.dispatched = true;
    // Every unit done (none active, at least one cleared after working the scene).
    const allClear =
      activeUnitIds(incident.assignments).length === 0 &&
      incident.assignments.some((a) => a.status === 'cleared');
    if ((isIncidentResolvable(incident.status) && allClear) || incident.status === 'resolved')
      void this.finish(incident);
    if (isIncidentTerminal(incident.status)) tracked.done = true;
  }

  /** Every unit has cleared: resolve (if still open) and close. */
  private async finish(incident: IncidentDto): Promise<void> {
    if (this.closing.has(incident.id)) return;
    this.closing.add(incident.id);
    try {
      if (incident.status !== 'resolved') await this.api.resolve(incident.id, 'resolved_on_scene');
      await this.api.close(incident.id);
      this.world.counters.closed += 1;
      const tracked = this.incidents.get(incident.id);
      if (tracked) tracked.done = true;
      this.world.log(`${incident.number} closed`);
    } catch (error) {
      this.closing.delete(incident.id);
      const expected = error instanceof ApiError && error.status === 409;
      this.world.log(`${incident.number}: close failed (${(error as Error).message})`, !expected);
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
