/**
 * The console in process, for `--engine local`: the same requests and events the simulated
 * people use on the real server (console-port.ts), answered from memory on the simulated clock
 * with the rules of `packages/`: incident, assignment and unit state machines, milestones and
 * progress from `@dispatch/domain`, ranking and response plans from `@dispatch/dispatch` on the
 * `@dispatch/routing` road network (ranked-plan.ts, as the server's recommendation service).
 *
 * It ranks on where every unit is at the simulated instant (its GPS read directly), where the
 * real server ranks on the last position batch it showed the wall. Events are delivered when a
 * request's change is done, before its reply, in a fixed order: a run on it is a pure function
 * of its seed and options.
 */
import type {
  AssignmentDto,
  CreateIncidentBody,
  IncidentDto,
  PostDto,
  RecommendationsDto,
  ServerToClientEvents,
  UnitDto,
} from '@dispatch/contracts';
import {
  DEFAULT_RESPONSE_PLANS,
  MAX_SEARCH_SECONDS,
  manualDispatchRoles,
  resolveResponsePlan,
  travelCandidateOf,
} from '@dispatch/dispatch';
import {
  activeUnitIds,
  formatIncidentNumber,
  httpStatusOf,
  incidentProgress,
  initialMilestones,
  isIncidentOpen,
  isUnitDispatchable,
  milestoneEventForAssignment,
  milestoneEventForIncident,
  releasesOnIncidentEnd,
  transitionAssignment,
  transitionIncident,
  transitionUnit,
  unitStatusForAssignment,
  type AssignmentStatus,
  type IncidentMilestones,
  type IncidentType,
  type LngLat,
  type Priority,
  type Resolution,
  type Result,
  type UnitStatus,
} from '@dispatch/domain';
import { estimateTravelTimes, type RoadNetwork } from '@dispatch/routing';
import { ApiError } from './api-client.js';
import type {
  AssignmentAction,
  ConsoleEvents,
  DispatcherConsole,
  DispatchResult,
  UnitTerminal,
} from './console-port.js';
import { LocalEvents } from './local-events.js';
import { recommendationsFor } from './local-recommendations.js';
import type { GpsFix } from './unit-agent.js';

/** A unit as the console is seeded with it. */
export interface LocalUnitSeed {
  id: string;
  callSign: string;
  kind: UnitDto['kind'];
  status: UnitStatus;
  homeGridId: string | null;
  postId: string | null;
  capabilities: string[];
  lngLat: LngLat;
}

export interface LocalCity {
  units: readonly LocalUnitSeed[];
  posts: readonly PostDto[];
  /** Grid of a point (null outside the city). */
  gridAt: (lngLat: LngLat) => string | null;
}

interface UnitState {
  dto: UnitDto;
  gps: ((now: number) => GpsFix) | null;
}

interface IncidentState {
  dto: IncidentDto;
  milestones: IncidentMilestones;
  reinforcedAt: number | null;
}

const TARGET: Record<AssignmentAction, AssignmentStatus> = {
  accept: 'accepted',
  en_route: 'en_route',
  on_scene: 'on_scene',
  clear: 'cleared',
};
const STAMP: Partial<Record<AssignmentStatus, keyof AssignmentDto>> = {
  accepted: 'acceptedAt',
  en_route: 'enRouteAt',
  on_scene: 'onSceneAt',
  cleared: 'clearedAt',
  cancelled: 'cancelledAt',
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function fail(code: Parameters<typeof httpStatusOf>[0], message: string): never {
  throw new ApiError(httpStatusOf(code), code, message);
}

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  return fail(result.error.code, result.error.message);
}

export class LocalConsole implements DispatcherConsole {
  private readonly fleet = new Map<string, UnitState>();
  private readonly incidents = new Map<string, IncidentState>();
  private readonly assignmentIncident = new Map<string, string>();
  private readonly events = new LocalEvents();
  private incidentSeq = 0;
  private assignmentSeq = 0;

  constructor(
    private readonly city: LocalCity,
    private readonly network: RoadNetwork | null,
    private readonly now: () => number,
    private readonly utcOffsetHours: number,
  ) {
    for (const u of city.units) {
      this.fleet.set(u.id, {
        gps: null,
        dto: {
          id: u.id,
          callSign: u.callSign,
          kind: u.kind,
          status: u.status,
          homeGridId: u.homeGridId,
          currentGridId: u.homeGridId,
          postId: u.postId,
          capabilities: [...u.capabilities],
          position: { lngLat: [u.lngLat[0], u.lngLat[1]], headingDeg: null, speedMps: null, at: iso(now())! },
          activeAssignmentId: null,
          activeIncidentId: null,
          version: 0,
        },
      });
    }
  }

  /** The unit's terminal reports where it is: the console reads it whenever it ranks. */
  trackPosition(unitId: string, gps: (now: number) => GpsFix): void {
    const unit = this.fleet.get(unitId);
    if (unit) unit.gps = gps;
  }

  /** What a screen of `scope` hears: the wall (dispatchers) or one unit's room (its id). */
  eventsFor(scope: string): ConsoleEvents {
    return this.events.listener(scope);
  }

  /** A unit terminal's requests (the console checks nothing of who asks). */
  terminal(): UnitTerminal {
    return {
      incident: (id) => this.incident(id),
      assignmentAction: (id, action) => this.assignmentAction(id, action),
      setUnitStatus: (id, status) => this.setUnitStatus(id, status),
      // Nobody gives standby orders in process: the policies place units through world.standbyTarget.
      standbyOrder: async () => null,
    };
  }

  private emit(name: keyof ServerToClientEvents, payload: unknown, scopes: string[]): void {
    this.events.emit(name, payload, scopes);
  }

  /** Delivers what the last change announced, in order (after the change, as after a commit). */
  private flush(): void {
    this.events.flush();
  }

  private unitDto(unit: UnitState): UnitDto {
    if (unit.gps) {
      const now = this.now();
      const fix = unit.gps(now);
      unit.dto.position = {
        lngLat: [fix.lngLat[0], fix.lngLat[1]],
        headingDeg: fix.headingDeg,
        speedMps: fix.speedMps,
        at: iso(now)!,
      };
    }
    return structuredClone(unit.dto);
  }

  private unitOf(id: string): UnitState {
    return this.fleet.get(id) ?? fail('NOT_FOUND', `Unit ${id} not found`);
  }

  private incidentOf(id: string): IncidentState {
    return this.incidents.get(id) ?? fail('NOT_FOUND', `Incident ${id} not found`);
  }

  private announceUnit(unit: UnitState): void {
    unit.dto.version += 1;
    this.emit('unit:updated', this.unitDto(unit), ['wall', unit.dto.id]);
  }

  private announceIncident(incident: IncidentState): void {
    incident.dto.version += 1;
    this.emit('incident:updated', incident.dto, ['wall']);
  }

  /** Status, milestones and reinforcement after `events` (the domain's progress rule). */
  private progress(incident: IncidentState, events: Parameters<typeof incidentProgress>[2]): void {
    const at = this.now();
    const progress = incidentProgress(
      {
        status: incident.dto.status,
        requiredUnits: incident.dto.requiredUnits,
        milestones: incident.milestones,
        reinforcedAt: incident.reinforcedAt,
      },
      incident.dto.assignments.map((a) => ({
        unitId: a.unitId,
        status: a.status,
        role: a.role,
        onSceneAt: a.onSceneAt ? Date.parse(a.onSceneAt) : null,
      })),
      events,
      at,
    );
    this.setMilestones(incident, progress.milestones);
    incident.dto.status = progress.status;
    incident.reinforcedAt = progress.reinforcedAt;
    incident.dto.reinforcedAt = iso(progress.reinforcedAt);
  }

  private setMilestones(incident: IncidentState, m: IncidentMilestones): void {
    incident.milestones = m;
    Object.assign(incident.dto, {
      firstDispatchedAt: iso(m.firstDispatchedAt),
      firstEnRouteAt: iso(m.firstEnRouteAt),
      firstOnSceneAt: iso(m.firstOnSceneAt),
      resolvedAt: iso(m.resolvedAt),
      closedAt: iso(m.closedAt),
    });
  }

  private dateKey(at: number): string {
    return new Date(at + this.utcOffsetHours * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  }

  async createIncident(body: CreateIncidentBody): Promise<IncidentDto> {
    const at = this.now();
    const lngLat: LngLat = [body.location.lng, body.location.lat];
    const type = body.type as IncidentType;
    const priority = body.priority as Priority;
    const { plan } = resolveResponsePlan(DEFAULT_RESPONSE_PLANS, type, priority);
    this.incidentSeq += 1;
    const id = `incident-${this.incidentSeq}`;
    const milestones = initialMilestones(at);
    const incident: IncidentState = {
      milestones,
      reinforcedAt: null,
      dto: {
        id,
        number: unwrap(formatIncidentNumber(this.dateKey(at), this.incidentSeq)),
        type,
        priority,
        source: body.source ?? 'call',
        lngLat: [lngLat[0], lngLat[1]],
        address: body.address ?? '',
        description: body.description ?? '',
        callerName: body.callerName ?? null,
        callerPhone: body.callerPhone ?? null,
        callerCount: 1,
        gridId: this.city.gridAt(lngLat),
        status: 'received',
        resolution: null,
        requiredUnits: plan.requiredUnits,
        receivedAt: iso(at)!,
        firstDispatchedAt: null,
        firstEnRouteAt: null,
        firstOnSceneAt: null,
        reinforcedAt: null,
        resolvedAt: null,
        closedAt: null,
        version: 0,
        assignments: [],
      },
    };
    this.incidents.set(id, incident);
    this.emit('incident:created', incident.dto, ['wall']);
    this.flush();
    return structuredClone(incident.dto);
  }

  async incident(id: string): Promise<IncidentDto> {
    return structuredClone(this.incidentOf(id).dto);
  }

  async units(): Promise<UnitDto[]> {
    return [...this.fleet.values()]
      .map((u) => this.unitDto(u))
      .sort((a, b) => (a.callSign < b.callSign ? -1 : a.callSign > b.callSign ? 1 : 0));
  }

  async posts(): Promise<PostDto[]> {
    return structuredClone([...this.city.posts]);
  }

  private postRanges(): Map<string, number> {
    return new Map(this.city.posts.map((p) => [p.id, p.rangeMeters]));
  }

  async recommendations(incidentId: string): Promise<RecommendationsDto> {
    return recommendationsFor(
      this.incidentOf(incidentId).dto,
      [...this.fleet.values()].map((u) => this.unitDto(u)),
      { network: this.network, postRangeMeters: this.postRanges() },
    );
  }

  /** A hand-picked dispatch (what the simulated dispatcher sends): all the units or none. */
  async dispatch(incidentId: string, unitIds: string[]): Promise<DispatchResult> {
    const incident = this.incidentOf(incidentId);
    if (!isIncidentOpen(incident.dto.status)) fail('INCIDENT_CLOSED', `Incident is ${incident.dto.status}`);
    const units = unitIds.map((id) => this.unitOf(id));
    for (const u of units)
      if (!isUnitDispatchable(u.dto.status) || u.dto.activeAssignmentId !== null)
        fail('UNIT_NOT_AVAILABLE', `Unit ${u.dto.callSign} is ${u.dto.status}`);
    const at = this.now();
    const roles = manualDispatchRoles(units.length, {
      incidentHasActiveUnits: activeUnitIds(incident.dto.assignments).length > 0,
    });
    const estimates = new Map(
      estimateTravelTimes(
        this.network,
        incident.dto.lngLat,
        units.map((u) => {
          const lngLat = this.unitDto(u).position!.lngLat;
          const postRangeMeters =
            u.dto.postId === null ? null : (this.postRanges().get(u.dto.postId) ?? null);
          return travelCandidateOf({ id: u.dto.id, kind: u.dto.kind, lngLat, postRangeMeters });
        }),
        { maxSeconds: MAX_SEARCH_SECONDS },
      ).map((e) => [e.id, e]),
    );
    const created: AssignmentDto[] = units.map((u, i) => {
      this.assignmentSeq += 1;
      const e = estimates.get(u.dto.id);
      const reachable = e?.reachable === true;
      return {
        id: `assignment-${this.assignmentSeq}`,
        incidentId,
        unitId: u.dto.id,
        callSign: u.dto.callSign,
        unitKind: u.dto.kind,
        role: roles[i]!,
        tier: 1,
        status: 'assigned',
        etaSeconds: reachable ? Math.round(e.etaSeconds) : null,
        distanceMeters: reachable ? Math.round(e.distanceMeters) : null,
        etaMethod: e?.method ?? null,
        assignedAt: iso(at)!,
        acceptedAt: null,
        enRouteAt: null,
        onSceneAt: null,
        clearedAt: null,
        cancelledAt: null,
        checkpoint: null,
        version: 0,
      };
    });
    incident.dto.assignments.push(...created);
    this.progress(incident, ['assignment_created']);
    for (const [i, u] of units.entries()) {
      const a = created[i]!;
      this.assignmentIncident.set(a.id, incidentId);
      u.dto.status = unwrap(transitionUnit(u.dto.status, unitStatusForAssignment('assigned')));
      u.dto.activeAssignmentId = a.id;
      u.dto.activeIncidentId = incidentId;
      this.emit('assignment:created', a, ['wall', u.dto.id]);
      this.announceUnit(u);
    }
    this.announceIncident(incident);
    this.flush();
    return { incident: structuredClone(incident.dto), assignments: structuredClone(created) };
  }

  async assignmentAction(assignmentId: string, action: AssignmentAction): Promise<AssignmentDto> {
    const incidentId = this.assignmentIncident.get(assignmentId) ?? fail('NOT_FOUND', 'Assignment not found');
    const incident = this.incidentOf(incidentId);
    const assignment = incident.dto.assignments.find((a) => a.id === assignmentId)!;
    const next = unwrap(transitionAssignment(assignment.status, TARGET[action]));
    const at = this.now();
    assignment.status = next;
    const stamp = STAMP[next];
    if (stamp) Object.assign(assignment, { [stamp]: iso(at) });
    assignment.version += 1;
    const unit = this.unitOf(assignment.unitId);
    // The unit's current grid is its home grid here (nothing moves it between grids).
    unit.dto.status = unitStatusForAssignment(next, unit.dto.currentGridId !== incident.dto.gridId);
    if (next === 'cleared') {
      unit.dto.activeAssignmentId = null;
      unit.dto.activeIncidentId = null;
    }
    const milestone = milestoneEventForAssignment(next, assignment.role);
    this.progress(incident, milestone ? [milestone] : []);
    this.announceIncident(incident);
    this.emit('assignment:updated', assignment, ['wall', unit.dto.id]);
    this.announceUnit(unit);
    this.flush();
    return structuredClone(assignment);
  }

  async setUnitStatus(unitId: string, status: UnitStatus): Promise<UnitDto> {
    const unit = this.unitOf(unitId);
    if (unit.dto.activeAssignmentId !== null && status !== unit.dto.status)
      fail('ILLEGAL_TRANSITION', 'Assignment states are changed through the assignment');
    unit.dto.status = unwrap(transitionUnit(unit.dto.status, status));
    this.announceUnit(unit);
    this.flush();
    return this.unitDto(unit);
  }

  private end(incidentId: string, event: { type: 'resolve'; resolution: Resolution } | { type: 'close' }) {
    const incident = this.incidentOf(incidentId);
    const next = unwrap(transitionIncident(incident.dto.status, event));
    const at = this.now();
    for (const release of releasesOnIncidentEnd(event.type, incident.dto.assignments)) {
      const a = incident.dto.assignments.find((x) => x.id === release.assignmentId)!;
      a.status = release.to;
      Object.assign(a, { [STAMP[release.to]!]: iso(at) });
      a.version += 1;
      const unit = this.unitOf(release.unitId);
      unit.dto.status = release.unitStatus;
      unit.dto.activeAssignmentId = null;
      unit.dto.activeIncidentId = null;
      this.emit('assignment:updated', a, ['wall', unit.dto.id]);
      this.announceUnit(unit);
    }
    incident.dto.status = next.status;
    if (next.resolution) incident.dto.resolution = next.resolution;
    const milestone = milestoneEventForIncident(event.type);
    if (milestone) this.progress(incident, [milestone]);
    incident.dto.status = next.status;
    this.announceIncident(incident);
    this.flush();
    return structuredClone(incident.dto);
  }

  async resolve(incidentId: string, resolution: Resolution): Promise<IncidentDto> {
    return this.end(incidentId, { type: 'resolve', resolution });
  }

  async close(incidentId: string): Promise<IncidentDto> {
    return this.end(incidentId, { type: 'close' });
  }
}
