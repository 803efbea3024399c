/** Incident intake and lifecycle: create, cancel, resolve, close, and reads. */
import type { AuditEventDto, CreateIncidentBody, IncidentDto, ListIncidentsQuery } from '@dispatch/contracts';
import { ROOMS } from '@dispatch/contracts';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  checkReceivedAt,
  domainError,
  DomainErrorException,
  formatIncidentNumber,
  milestoneEventForIncident,
  ON_BOARD_INCIDENT_STATUSES,
  OPEN_INCIDENT_STATUSES,
  releasesOnIncidentEnd,
  transitionIncident,
  unwrap,
  type IncidentEvent,
  type Priority,
} from '@dispatch/domain';
import { randomUUID } from 'node:crypto';
import { Prisma, type Incident } from '../generated/prisma/client.js';
import { writeAudit, type AuditEntry } from './audit.js';
import { takeCallAndDispatch } from './call-intake-statement.js';
import { announceAssignments, applyClaim, newAssignmentRow } from './dispatch-claim.js';
import { unitRooms } from './unit-service.js';
import { inTransaction, type Actor, type ServiceContext, type Tx } from './context.js';
import {
  incidentInclude,
  toAssignmentDto,
  toAuditEventDto,
  toIncidentDto,
  toUnitDto,
  unitInclude,
  type IncidentWithAssignments,
} from './dto.js';
import { Outbox } from './event-bus.js';
import { incidentRooms } from './incident-rooms.js';
import type { GridIndex } from './grid-index.js';
import { lockIncident, loadIncident } from './incident-repository.js';
import { progressUpdate } from './incident-milestones.js';
import type { PlannedUnit, Recommender } from './recommender.js';
import { centreDayKey } from './time-zone.js';

/** A taken call, and what its auto-dispatch did (null: not asked for). */
export interface CreatedIncident {
  incident: IncidentWithAssignments;
  /** True when the body's `id` named a call already taken: that call, nothing written. */
  replayed?: boolean;
  autoDispatch:
    | null
    | { sent: number }
    | { sent: 0; reason: 'none' | 'taken' }
    | { sent: 0; reason: 'failed'; error: unknown };
}

/** The creation's audit `after`; a `receivedAt` given by the intake is flagged (its `at` is the entry). */
function createdAudit(incident: IncidentWithAssignments, body: CreateIncidentBody) {
  return { ...toIncidentDto(incident), ...(body.receivedAt ? { receivedAtGiven: true } : {}) };
}

export class IncidentService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly grids: GridIndex,
    private readonly recommender: Recommender,
  ) {}

  /**
   * Takes a call. With `allowAutoDispatch`, the call is auto-dispatched when asked to (or when its
   * type's plan says so) in the same single statement that creates it: the unit's terminal hears
   * of the call the moment it exists. If the dispatch cannot be written the call is still taken
   * (without it) and stays in the queue.
   */
  async create(
    body: CreateIncidentBody,
    actor: Actor,
    options: { allowAutoDispatch?: boolean } = {},
  ): Promise<CreatedIncident> {
    if (!body.id) return this.take(body, actor, options);
    const known = await this.replay(body);
    if (known) return known;
    try {
      return await this.take(body, actor, options);
    } catch (error) {
      // The same retry on another node got there first: its call is the one.
      if (!isUniqueViolation(error)) throw error;
      const raced = await this.replay(body);
      if (!raced) throw error;
      return raced;
    }
  }

  /** The call already taken under `body.id`, if any; a different call under that id is a conflict. */
  private async replay(body: CreateIncidentBody): Promise<CreatedIncident | null> {
    const found = await this.ctx.prisma.incident.findUnique({
      where: { id: body.id! },
      include: incidentInclude,
    });
    if (!found) return null;
    const same =
      found.type === body.type &&
      found.priority === body.priority &&
      found.lng === body.location.lng &&
      found.lat === body.location.lat;
    if (!same)
      throw new DomainErrorException(
        domainError('CONFLICT', 'Another call was already taken under this id', { field: 'body.id' }),
      );
    return { incident: found, autoDispatch: null, replayed: true };
  }

  private async take(
    body: CreateIncidentBody,
    actor: Actor,
    { allowAutoDispatch = false }: { allowAutoDispatch?: boolean },
  ): Promise<CreatedIncident> {
    const now = this.ctx.now();
    // A short window back (a call taken on paper); older calls come in through the import.
    const receivedAt = unwrap(
      checkReceivedAt(body.receivedAt ? Date.parse(body.receivedAt) : undefined, now),
    );
    const lngLat = [body.location.lng, body.location.lat] as const;
    const gridId = this.grids.locate(lngLat);
    const priority = body.priority as Priority;
    const plan = await this.recommender.planSummary(body.type, priority);
    const auto = allowAutoDispatch && (body.autoDispatch ?? plan.autoDispatch);
    // Settled, never rejected: a failed ranking still takes the call.
    const planned = auto
      ? await this.recommender
          .plan({ lngLat, type: body.type, priority, gridId, assignedUnitIds: [], next: false })
          .then(
            (units) => ({ units }),
            (error: unknown) => ({ error }),
          )
      : null;
    const insert = (tx: Tx) => this.insert(tx, body, actor, gridId, plan.requiredUnits, receivedAt);
    const takeCall = () =>
      inTransaction(this.ctx, async (tx, outbox) => {
        const { incident, audit } = await insert(tx);
        await writeAudit(tx, actor, now, [audit]);
        outbox.add('incident:created', toIncidentDto(incident), incidentRooms(incident));
        return incident;
      });
    if (!planned) return { incident: await takeCall(), autoDispatch: null };
    if ('error' in planned) {
      return {
        incident: await takeCall(),
        autoDispatch: { sent: 0, reason: 'failed', error: planned.error },
      };
    }
    const autoActor: Actor = { ...actor, name: `${actor.name} (auto)` };
    try {
      return await this.takeAndDispatch(
        body,
        actor,
        autoActor,
        gridId,
        plan.requiredUnits,
        receivedAt,
        planned.units,
      );
    } catch (error) {
      // Only an error the database reported means the statement rolled back (a lost
      // connection may have lost the answer of a committed one: not retried, never doubled).
      if (!(error instanceof Prisma.PrismaClientKnownRequestError)) throw error;
      return { incident: await takeCall(), autoDispatch: { sent: 0, reason: 'failed', error } };
    }
  }

  /** The call and its auto-dispatch in one statement (call-intake-statement.ts), then its events. */
  private async takeAndDispatch(
    body: CreateIncidentBody,
    actor: Actor,
    autoActor: Actor,
    gridId: string | null,
    requiredUnits: number,
    receivedAt: number,
    units: readonly PlannedUnit[],
  ): Promise<CreatedIncident> {
    const at = this.ctx.now();
    const taken: IncidentWithAssignments = {
      ...this.incidentRow(body, actor, gridId, requiredUnits, receivedAt, at),
      number: '',
      assignments: [],
    };
    const planned = units.map((u) => ({ ...u, assignmentId: randomUUID() }));
    // The domain decides what a dispatch does to the incident; the statement only applies it.
    const ifDispatched = progressUpdate(
      taken,
      planned.map((u) => ({ unitId: u.unitId, status: 'assigned' as const, onSceneAt: null, role: u.role })),
      ['assignment_created'],
      at,
    );
    const { number, claimed } = await takeCallAndDispatch(this.ctx.prisma, {
      incident: taken,
      day: centreDayKey(receivedAt, this.ctx.timeZone),
      planned,
      ifDispatched,
      createdAudit: createdAudit(taken, body),
      actor,
      autoActor,
      at: new Date(at),
    });
    const received: IncidentWithAssignments = { ...taken, number };
    // The statement wrote the rows and their audit; the claim's result and events are built as
    // every other dispatch path builds them (dispatch-claim.ts), in the same order.
    const outbox = new Outbox();
    outbox.add('incident:created', toIncidentDto(received), incidentRooms(received));
    const created = new Map(
      planned.map((u) => [
        u.unitId,
        newAssignmentRow(u, {
          id: u.assignmentId,
          incidentId: taken.id,
          assignedById: autoActor.id,
          at: new Date(at),
        }),
      ]),
    );
    const claim = applyClaim(outbox, taken.id, planned, new Map(claimed.map((c) => [c.id, c])), created);
    const sent = claim.assignments.length;
    const incident: IncidentWithAssignments =
      sent > 0
        ? {
            ...received,
            status: ifDispatched.status,
            firstDispatchedAt: ifDispatched.firstDispatchedAt,
            assignments: claim.assignments,
          }
        : received;
    if (sent > 0) announceAssignments(outbox, incident, claim.assignments);
    this.ctx.bus.publish(outbox.events);
    return {
      incident,
      autoDispatch: sent > 0 ? { sent } : { sent: 0, reason: units.length > 0 ? 'taken' : 'none' },
    };
  }

  /** The incident row of a call as taken: received, nobody sent yet, no number yet. */
  private incidentRow(
    body: CreateIncidentBody,
    actor: Actor,
    gridId: string | null,
    requiredUnits: number,
    receivedAt: number,
    at: number,
  ): Omit<Incident, 'number'> {
    return {
      id: body.id ?? randomUUID(),
      type: body.type,
      priority: body.priority,
      source: body.source ?? 'call',
      lng: body.location.lng,
      lat: body.location.lat,
      address: body.address ?? '',
      description: body.description ?? '',
      callerName: body.callerName ?? null,
      callerPhone: body.callerPhone ?? null,
      gridId,
      status: 'received',
      resolution: null,
      requiredUnits,
      receivedAt: new Date(receivedAt),
      firstDispatchedAt: null,
      firstEnRouteAt: null,
      firstOnSceneAt: null,
      reinforcedAt: null,
      resolvedAt: null,
      closedAt: null,
      createdById: actor.id,
      version: 0,
      updatedAt: new Date(at),
      callerCount: 1,
    };
  }

  /** Numbers and inserts the incident (no assignments yet); returns it with its audit entry. */
  private async insert(
    tx: Tx,
    body: CreateIncidentBody,
    actor: Actor,
    gridId: string | null,
    requiredUnits: number,
    receivedAt: number,
  ): Promise<{ incident: IncidentWithAssignments; audit: AuditEntry }> {
    const day = centreDayKey(receivedAt, this.ctx.timeZone);
    const [seq] = await tx.$queryRaw<{ last: number }[]>`
      INSERT INTO incident_sequence (day, last) VALUES (${day}, 1)
      ON CONFLICT (day) DO UPDATE SET last = incident_sequence.last + 1
      RETURNING last`;
    const number = unwrap(formatIncidentNumber(day, Number(seq?.last ?? 1)));
    const row = await tx.incident.create({
      data: { ...this.incidentRow(body, actor, gridId, requiredUnits, receivedAt, this.ctx.now()), number },
    });
    const incident: IncidentWithAssignments = { ...row, assignments: [] };
    return {
      incident,
      audit: {
        action: 'incident.create',
        entityType: 'incident',
        entityId: incident.id,
        after: createdAudit(incident, body),
      },
    };
  }

  /** Cancel (any open status), resolve (with a resolution) or close (after resolve). */
  async transition(
    id: string,
    event: IncidentEvent,
    actor: Actor,
    note?: string,
  ): Promise<IncidentWithAssignments> {
    return inTransaction(this.ctx, async (tx, outbox) => {
      const incident = await lockIncident(tx, id);
      return this.applyTransition(tx, outbox, incident, event, actor, note);
    });
  }

  /** Shared by the assignment service (a unit clearing with a resolution resolves the incident). */
  async applyTransition(
    tx: Tx,
    outbox: Outbox,
    incident: IncidentWithAssignments,
    event: IncidentEvent,
    actor: Actor,
    note?: string,
  ): Promise<IncidentWithAssignments> {
    const now = this.ctx.now();
    const next = unwrap(transitionIncident(incident.status, event));
    const milestone = milestoneEventForIncident(event.type);
    // Which units the end releases, and to what, is the domain's rule (incident-progress.ts).
    const releases = releasesOnIncidentEnd(event.type, incident.assignments);
    for (const release of releases) {
      await tx.assignment.update({
        where: { id: release.assignmentId },
        data: {
          status: release.to,
          ...(release.to === 'cancelled' ? { cancelledAt: new Date(now) } : { clearedAt: new Date(now) }),
          version: { increment: 1 },
        },
      });
      const unit = await tx.unit.update({
        where: { id: release.unitId },
        data: { status: release.unitStatus, version: { increment: 1 } },
        include: unitInclude,
      });
      outbox.add('unit:updated', toUnitDto(unit), unitRooms(unit));
    }
    const progress = progressUpdate(incident, incident.assignments, milestone ? [milestone] : [], now);
    const updated = await tx.incident.update({
      where: { id: incident.id },
      data: {
        status: next.status,
        resolution: next.resolution ?? incident.resolution,
        resolvedAt: progress.resolvedAt,
        closedAt: progress.closedAt,
        version: { increment: 1 },
      },
      include: incidentInclude,
    });
    await writeAudit(tx, actor, now, [
      ...releases.map((r): AuditEntry => ({
        action: 'assignment.release',
        entityType: 'assignment',
        entityId: r.assignmentId,
        before: { status: r.from },
        after: { status: r.to, unitId: r.unitId, unitStatus: r.unitStatus, by: `incident.${event.type}` },
      })),
      {
        action: `incident.${event.type}`,
        entityType: 'incident',
        entityId: incident.id,
        before: { status: incident.status, resolution: incident.resolution },
        after: { status: updated.status, resolution: updated.resolution, ...(note ? { note } : {}) },
      },
    ]);
    for (const a of updated.assignments) {
      const before = incident.assignments.find((b) => b.id === a.id);
      if (before && before.status !== a.status)
        outbox.add('assignment:updated', toAssignmentDto(a), [ROOMS.wall, ROOMS.unit(a.unitId)]);
    }
    outbox.add('incident:updated', toIncidentDto(updated), incidentRooms(updated));
    return updated;
  }

  async get(id: string): Promise<IncidentWithAssignments> {
    return loadIncident(this.ctx.prisma as unknown as Tx, id);
  }

  /** The incident with its timeline: its own and its assignments' audit events, oldest first. */
  async detail(id: string): Promise<IncidentDto & { timeline: AuditEventDto[] }> {
    const incident = await this.get(id);
    const ids = [incident.id, ...incident.assignments.map((a) => a.id)];
    const events = await this.ctx.prisma.auditEvent.findMany({
      where: { entityId: { in: ids } },
      // Entries of one transaction share a timestamp: their ids keep the order they were written in.
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    });
    return { ...toIncidentDto(incident), timeline: events.map(toAuditEventDto) };
  }

  /** Whether `unitId` is still committed to the incident (a unit may resolve only its own). */
  async isUnitActiveOn(incidentId: string, unitId: string): Promise<boolean> {
    const count = await this.ctx.prisma.assignment.count({
      where: { incidentId, unitId, status: { in: [...ACTIVE_ASSIGNMENT_STATUSES] } },
    });
    return count > 0;
  }

  /**
   * How a unit stands to an incident: `active` while its assignment is, `had` when it has a
   * current or recent one (the incident still open, or ended within the unit snapshot's window).
   */
  async unitRelation(incidentId: string, unitId: string): Promise<{ had: boolean; active: boolean }> {
    const rows = await this.ctx.prisma.assignment.findMany({
      where: { incidentId, unitId, incident: { OR: unitShownIncidents(this.ctx.now()) } },
      select: { status: true },
    });
    return {
      had: rows.length > 0,
      active: rows.some((r) => (ACTIVE_ASSIGNMENT_STATUSES as readonly string[]).includes(r.status)),
    };
  }

  /** A unit terminal's list: the incidents it is or was recently on; callers only where still active. */
  async listForUnit(unitId: string, query: ListIncidentsQuery): Promise<IncidentDto[]> {
    const rows = await this.list(query, {
      assignments: { some: { unitId } },
      OR: unitShownIncidents(this.ctx.now()),
    });
    return rows.map((dto) => unitView(dto, unitId));
  }

  async list(query: ListIncidentsQuery, scope: Record<string, unknown> = {}): Promise<IncidentDto[]> {
    const where: Record<string, unknown> = { ...scope };
    if (query.status === 'open') where.status = { in: [...OPEN_INCIDENT_STATUSES] };
    else if (query.status === 'board') where.status = { in: [...ON_BOARD_INCIDENT_STATUSES] };
    else if (query.status) where.status = query.status;
    if (query.gridId) where.gridId = query.gridId;
    if (query.from || query.to) {
      where.receivedAt = {
        ...(query.from ? { gte: new Date(query.from) } : {}),
        ...(query.to ? { lt: new Date(query.to) } : {}),
      };
    }
    const rows = await this.ctx.prisma.incident.findMany({
      where,
      include: incidentInclude,
      orderBy:
        query.status === 'open' || query.status === 'board'
          ? [{ priority: 'asc' }, { receivedAt: 'asc' }]
          : [{ receivedAt: 'desc' }],
      take: query.limit ?? 200,
    });
    return rows.map(toIncidentDto);
  }
}

/** An incident a unit sees (as its socket snapshot does): open, or ended within two hours. */
export const UNIT_RECENTLY_ENDED_MS = 2 * 60 * 60 * 1000;
export const unitShownIncidents = (now: number) => [
  { status: { notIn: ['closed' as const, 'cancelled' as const] } },
  { closedAt: { gte: new Date(now - UNIT_RECENTLY_ENDED_MS) } },
];

/** The incident without its caller's name and phone (a unit no longer on it). */
export function withoutCaller<T extends IncidentDto>(dto: T): T {
  return { ...dto, callerName: null, callerPhone: null };
}

/** An incident as a unit's terminal sees it: the caller only while the unit is still on it. */
export function unitView(dto: IncidentDto, unitId: string): IncidentDto {
  const active = dto.assignments.some(
    (a) => a.unitId === unitId && (ACTIVE_ASSIGNMENT_STATUSES as readonly string[]).includes(a.status),
  );
  return active ? dto : withoutCaller(dto);
}

/** A unique-key violation, from Prisma's own queries (P2002) or a raw statement (SQLSTATE 23505). */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  return /23505|unique constraint/i.test(`${error.message} ${JSON.stringify(error.meta ?? {})}`);
}
