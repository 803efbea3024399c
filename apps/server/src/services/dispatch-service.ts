/**
 * Sending units to an incident. Correct under concurrency: the incident row is locked, the units
 * are claimed with one conditional UPDATE (only from a dispatchable status), and the partial unique
 * index on active assignments backs it up. Two dispatchers sending one unit: exactly one wins.
 */
import { manualDispatchRoles } from '@dispatch/dispatch';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  activeUnitIds,
  checkAssignable,
  domainError,
  DomainErrorException,
  isIncidentOpen,
  type AssignmentRole,
  type IncidentType,
  type Priority,
} from '@dispatch/domain';
import { Prisma, type Assignment } from '../generated/prisma/client.js';
import { writeAudit } from './audit.js';
import { claimCtes, type ClaimedUnit } from './unit-claim-sql.js';
import { announceAssignments, applyClaim, assignmentData, type ClaimResult } from './dispatch-claim.js';
import { inTransaction, type Actor, type ServiceContext, type Tx } from './context.js';
import { type AssignmentWithUnit, type IncidentWithAssignments } from './dto.js';
import type { Outbox } from './event-bus.js';
import { lockIncident, loadIncident } from './incident-repository.js';
import { progressUpdate } from './incident-milestones.js';
import type { PlannedUnit, Recommender } from './recommender.js';

export type DispatchRequest =
  { unitIds: string[]; role?: AssignmentRole } | { auto: true } | { nextTier: true };

export interface DispatchOutcome {
  incident: IncidentWithAssignments;
  assignmentIds: string[];
}

/**
 * After new assignments were claimed for `incident` (in the same transaction): sets the dispatch
 * milestone and status, and queues the assignment and incident events for after the commit.
 * `incident` must carry its assignments as read under the incident lock (or none, if new).
 */
export async function recordAssignments(
  tx: Tx,
  outbox: Outbox,
  incident: IncidentWithAssignments,
  created: readonly AssignmentWithUnit[],
  now: number,
): Promise<IncidentWithAssignments> {
  const assignments = [...incident.assignments, ...created];
  const progress = progressUpdate(incident, assignments, ['assignment_created'], now);
  const row = await tx.incident.update({
    where: { id: incident.id },
    data: {
      status: progress.status,
      firstDispatchedAt: progress.firstDispatchedAt,
      version: { increment: 1 },
    },
  });
  const updated = { ...row, assignments };
  announceAssignments(outbox, updated, created);
  return updated;
}

export class DispatchService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly recommender: Recommender,
  ) {}

  async dispatch(incidentId: string, request: DispatchRequest, actor: Actor): Promise<DispatchOutcome> {
    // Only guides the plan: the transaction re-reads the incident under lock.
    const snapshot = await loadIncident(this.ctx.prisma as unknown as Tx, incidentId);
    if (!isIncidentOpen(snapshot.status)) {
      throw new DomainErrorException(
        domainError('INCIDENT_CLOSED', `Incident is ${snapshot.status}`, { incidentId }),
      );
    }
    const lngLat = [snapshot.lng, snapshot.lat] as const;
    const assignedUnitIds = activeUnitIds(snapshot.assignments);
    const manual = 'unitIds' in request;
    let planned: PlannedUnit[];
    if (manual) {
      const estimates = await this.recommender.estimate(lngLat, request.unitIds);
      const roles = manualDispatchRoles(request.unitIds.length, {
        requestedRole: request.role,
        incidentHasActiveUnits: assignedUnitIds.length > 0,
      });
      planned = request.unitIds.map((unitId, i) => ({
        unitId,
        role: roles[i]!,
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
      const claim = await this.claimUnits(tx, outbox, incident.id, planned, actor);
      // A manual choice is all-or-nothing: the dispatcher asked for exactly these units.
      const [refused] = claim.refusedUnitIds;
      if (manual && refused !== undefined) await this.explainRefusal(tx, incident, refused);
      if (claim.assignments.length === 0) {
        throw new DomainErrorException(
          domainError('UNIT_NOT_AVAILABLE', 'None of the planned units is still free', { incidentId }),
        );
      }
      const updated = await recordAssignments(tx, outbox, incident, claim.assignments, this.ctx.now());
      const assignmentIds = claim.assignments.map((a) => a.id);
      await writeAudit(tx, actor, this.ctx.now(), [
        ...claim.audit,
        {
          action: 'incident.dispatch',
          entityType: 'incident',
          entityId: incidentId,
          before: { status: incident.status },
          after: { status: updated.status, assignmentIds, mode: manual ? 'manual' : 'plan' },
        },
      ]);
      return { incident: updated, assignmentIds };
    });
  }

  /**
   * Claims the planned units for the incident in two statements whatever their number: one
   * conditional UPDATE takes every unit that is still dispatchable, one INSERT creates their
   * assignments. Units no longer free are returned as refused. Public for other dispatch paths
   * (checkpoint-service.ts) that run in their own transaction.
   */
  async claimUnits(
    tx: Tx,
    outbox: Outbox,
    incidentId: string,
    planned: readonly PlannedUnit[],
    actor: Actor,
  ): Promise<ClaimResult> {
    const now = this.ctx.now();
    const rows = await tx.$queryRaw<ClaimedUnit[]>`
      WITH ${claimCtes(Prisma.sql`SELECT unnest(${planned.map((p) => p.unitId)}::text[])`, new Date(now))}
      SELECT * FROM claimed`;
    const claimed = new Map(rows.map((r) => [r.id, r]));
    const taken = planned.filter((p) => claimed.has(p.unitId));
    if (taken.length === 0) return applyClaim(outbox, incidentId, planned, claimed, new Map());
    let created: Assignment[];
    try {
      created = await tx.assignment.createManyAndReturn({
        data: taken.map((unit) =>
          assignmentData(unit, { incidentId, assignedById: actor.id, at: new Date(now) }),
        ),
      });
    } catch (error) {
      // The partial unique index backs the claim: a unit free by status yet still on an
      // active assignment (an inconsistency) is refused, not double-booked.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw new DomainErrorException(
          domainError('UNIT_ALREADY_ASSIGNED', 'Unit already has an active assignment', {
            unitIds: taken.map((t) => t.unitId),
          }),
        );
      }
      throw error;
    }
    return applyClaim(outbox, incidentId, planned, claimed, new Map(created.map((a) => [a.unitId, a])));
  }

  /** Throws the precise reason a unit could not be claimed (409 with a code). */
  async explainRefusal(tx: Tx, incident: IncidentWithAssignments, unitId: string): Promise<never> {
    const unit = await tx.unit.findUnique({
      where: { id: unitId },
      include: { assignments: { where: { status: { in: [...ACTIVE_ASSIGNMENT_STATUSES] } } } },
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
