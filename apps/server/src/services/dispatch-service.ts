/**
 * Sending units to an incident. Correct under concurrency: the incident row is locked, each unit
 * is claimed with a conditional UPDATE (only from a dispatchable status), and the partial unique
 * index on active assignments backs it up. Two dispatchers sending one unit: exactly one wins.
 */
import { ROOMS } from '@dispatch/contracts';
import {
  checkAssignable,
  domainError,
  DomainErrorException,
  DISPATCHABLE_UNIT_STATUSES,
  isIncidentOpen,
  type AssignmentRole,
  type IncidentType,
  type Priority,
} from '@dispatch/domain';
import { Prisma } from '../generated/prisma/client.js';
import { writeAudit } from './audit.js';
import { inTransaction, type Actor, type ServiceContext, type Tx } from './context.js';
import {
  toAssignmentDto,
  toIncidentDto,
  toUnitDto,
  unitInclude,
  type IncidentWithAssignments,
} from './dto.js';
import type { Outbox } from './event-bus.js';
import { incidentRooms } from './incident-service.js';
import { lockIncident, loadIncident } from './incident-repository.js';
import { progressUpdate } from './incident-milestones.js';
import type { PlannedUnit, Recommender } from './recommender.js';

export type DispatchRequest =
  { unitIds: string[]; role?: AssignmentRole } | { auto: true } | { nextTier: true };

export interface DispatchOutcome {
  incident: IncidentWithAssignments;
  assignmentIds: string[];
}

const ACTIVE = ['assigned', 'accepted', 'en_route', 'on_scene'] as const;

/**
 * After new assignments were claimed for `incident` (in the same transaction): sets the dispatch
 * milestone and status, and queues the assignment and incident events for after the commit.
 */
export async function recordAssignments(
  tx: Tx,
  outbox: Outbox,
  incident: IncidentWithAssignments,
  created: readonly string[],
  now: number,
): Promise<IncidentWithAssignments> {
  const assignments = await tx.assignment.findMany({ where: { incidentId: incident.id } });
  const progress = progressUpdate(incident, assignments, ['assignment_created'], now);
  const updated = await tx.incident.update({
    where: { id: incident.id },
    data: {
      status: progress.status,
      firstDispatchedAt: progress.firstDispatchedAt,
      version: { increment: 1 },
    },
    include: { assignments: { include: { unit: { select: { callSign: true, kind: true } } } } },
  });
  for (const a of updated.assignments.filter((x) => created.includes(x.id))) {
    outbox.add('assignment:created', toAssignmentDto(a), [ROOMS.wall, ROOMS.unit(a.unitId)]);
  }
  outbox.add('incident:updated', toIncidentDto(updated), incidentRooms(updated));
  return updated;
}

export class DispatchService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly recommender: Recommender,
  ) {}

  /**
   * `known`: the incident as the caller just read or wrote it (auto-dispatch after create), which
   * saves reading it again; it only guides the plan, the transaction re-reads it under lock.
   */
  async dispatch(
    incidentId: string,
    request: DispatchRequest,
    actor: Actor,
    known?: IncidentWithAssignments,
  ): Promise<DispatchOutcome> {
    const snapshot =
      known?.id === incidentId ? known : await loadIncident(this.ctx.prisma as unknown as Tx, incidentId);
    if (!isIncidentOpen(snapshot.status)) {
      throw new DomainErrorException(
        domainError('INCIDENT_CLOSED', `Incident is ${snapshot.status}`, { incidentId }),
      );
    }
    const lngLat = [snapshot.lng, snapshot.lat] as const;
    const assignedUnitIds = snapshot.assignments
      .filter((a) => (ACTIVE as readonly string[]).includes(a.status))
      .map((a) => a.unitId);
    const manual = 'unitIds' in request;
    let planned: PlannedUnit[];
    if (manual) {
      const estimates = await this.recommender.estimate(lngLat, request.unitIds);
      planned = request.unitIds.map((unitId, i) => ({
        unitId,
        role: request.role ?? (assignedUnitIds.length === 0 && i === 0 ? 'primary' : 'backup'),
        tier: 1,
        etaSeconds: estimates.get(unitId)?.etaSeconds ?? null,
        distanceMeters: estimates.get(unitId)?.distanceMeters ?? null,
        method: estimates.get(unitId)?.method ?? null,
      }));
    } else {
      planned = await this.recommender.plan({
        lngLat,
        type: snapshot.type as IncidentType,
        priority: snapshot.priority as Priority,
        gridId: snapshot.gridId,
        assignedUnitIds,
        next: 'nextTier' in request,
      });
      if (planned.length === 0) {
        throw new DomainErrorException(
          domainError('NO_CANDIDATES', 'No free unit fits the response plan', { incidentId }),
        );
      }
    }
    return inTransaction(this.ctx, async (tx, outbox) => {
      const incident = await lockIncident(tx, incidentId);
      if (!isIncidentOpen(incident.status)) {
        throw new DomainErrorException(
          domainError('INCIDENT_CLOSED', `Incident is ${incident.status}`, { incidentId }),
        );
      }
      const created: string[] = [];
      // Units are claimed in id order, so two dispatches naming the same units in a different
      // order queue behind each other instead of deadlocking.
      const byUnitId = [...planned].sort((x, y) => (x.unitId < y.unitId ? -1 : x.unitId > y.unitId ? 1 : 0));
      for (const unit of byUnitId) {
        const claimed = await this.claimUnit(tx, outbox, incident, unit, actor);
        if (claimed) created.push(claimed);
        // A manual choice is all-or-nothing: the dispatcher asked for exactly these units.
        else if (manual) await this.explainRefusal(tx, incident, unit.unitId);
      }
      if (created.length === 0) {
        throw new DomainErrorException(
          domainError('UNIT_NOT_AVAILABLE', 'None of the planned units is still free', { incidentId }),
        );
      }
      const updated = await recordAssignments(tx, outbox, incident, created, this.ctx.now());
      await writeAudit(tx, actor, this.ctx.now(), [
        {
          action: 'incident.dispatch',
          entityType: 'incident',
          entityId: incidentId,
          before: { status: incident.status },
          after: { status: updated.status, assignmentIds: created, mode: manual ? 'manual' : 'plan' },
        },
      ]);
      return { incident: updated, assignmentIds: created };
    });
  }

  /**
   * Claims one unit for the incident; returns the new assignment id, or null if the unit is taken.
   * Public for other dispatch paths (checkpoint-service.ts) that run in their own transaction.
   */
  async claimUnit(
    tx: Tx,
    outbox: Outbox,
    incident: IncidentWithAssignments,
    unit: PlannedUnit,
    actor: Actor,
  ) {
    const now = this.ctx.now();
    // Lock the unit row first: its status before the claim goes into the audit trail.
    // NO KEY UPDATE, the strength of the UPDATE that follows: FOR UPDATE would also block the
    // foreign-key checks of every position sample inserted for the unit meanwhile, and a position
    // flush covering two claimed units deadlocked with the dispatch (found by bench:push).
    // One round trip: lock, check and claim; RETURNING gives the status the lock found.
    const [locked] = await tx.$queryRaw<{ status: string }[]>`
      WITH locked AS (SELECT id, status FROM unit WHERE id = ${unit.unitId} FOR NO KEY UPDATE)
      UPDATE unit u SET status = 'assigned', version = u.version + 1, updated_at = ${new Date(now)}
      FROM locked
      WHERE u.id = locked.id AND locked.status::text = ANY(${[...DISPATCHABLE_UNIT_STATUSES]}::text[])
      RETURNING locked.status::text AS status`;
    if (!locked) return null;
    let assignmentId: string;
    try {
      const assignment = await tx.assignment.create({
        data: {
          incidentId: incident.id,
          unitId: unit.unitId,
          role: unit.role,
          tier: unit.tier,
          etaSeconds: unit.etaSeconds === null ? null : Math.round(unit.etaSeconds),
          distanceMeters: unit.distanceMeters === null ? null : Math.round(unit.distanceMeters),
          etaMethod: unit.method,
          assignedById: actor.id,
          assignedAt: new Date(now),
        },
      });
      assignmentId = assignment.id;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw new DomainErrorException(
          domainError('UNIT_ALREADY_ASSIGNED', 'Unit already has an active assignment', {
            unitId: unit.unitId,
          }),
        );
      }
      throw error;
    }
    const updatedUnit = await tx.unit.findUniqueOrThrow({ where: { id: unit.unitId }, include: unitInclude });
    outbox.add('unit:updated', toUnitDto(updatedUnit), [
      ROOMS.wall,
      ROOMS.unit(updatedUnit.id),
      ...(updatedUnit.currentGridId ? [ROOMS.grid(updatedUnit.currentGridId)] : []),
    ]);
    await writeAudit(tx, actor, now, [
      {
        action: 'assignment.create',
        entityType: 'assignment',
        entityId: assignmentId,
        after: { ...unit, incidentId: incident.id },
      },
      {
        action: 'unit.status',
        entityType: 'unit',
        entityId: unit.unitId,
        before: { status: locked.status },
        after: { status: 'assigned' },
      },
    ]);
    return assignmentId;
  }

  /** Throws the precise reason a unit could not be claimed (409 with a code). */
  async explainRefusal(tx: Tx, incident: IncidentWithAssignments, unitId: string): Promise<never> {
    const unit = await tx.unit.findUnique({
      where: { id: unitId },
      include: { assignments: { where: { status: { in: [...ACTIVE] } } } },
    });
    if (!unit)
      throw new DomainErrorException(
        domainError('NOT_FOUND', 'Unit not found', { unitId, field: 'body.unitIds' }),
      );
    const check = checkAssignable({ incident, unit, unitAssignments: unit.assignments });
    throw new DomainErrorException(
      check.ok ? domainError('CONFLICT', 'Unit changed while dispatching; retry', { unitId }) : check.error,
    );
  }
}
