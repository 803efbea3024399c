/**
 * What a claim of units for an incident produces, and the events it announces, shared by every
 * dispatch path: DispatchService.claimUnits (manual, plan, next tier, checkpoints) and the
 * one-statement call intake with auto-dispatch. The SQL differs (unit-claim-sql.ts,
 * call-intake-statement.ts); the rows, audit entries and events must not.
 */
import { ROOMS } from '@dispatch/contracts';
import type { Assignment } from '../generated/prisma/client.js';
import type { AuditEntry } from './audit.js';
import {
  toAssignmentDto,
  toIncidentDto,
  type AssignmentWithUnit,
  type IncidentWithAssignments,
} from './dto.js';
import type { Outbox } from './event-bus.js';
import { incidentRooms } from './incident-rooms.js';
import type { PlannedUnit } from './recommender.js';
import { announceClaimedUnit, type ClaimedUnit } from './unit-claim-sql.js';

/** What claiming a set of units did, for the caller to record in its own transaction. */
export interface ClaimResult {
  /** The new assignments, in the order the units were planned. */
  assignments: AssignmentWithUnit[];
  /** Planned units that were no longer free (in plan order). */
  refusedUnitIds: string[];
  /** Audit entries of the claims, written by the caller with its own (one INSERT). */
  audit: AuditEntry[];
}

interface AssignmentFields {
  incidentId: string;
  assignedById: string | null;
  at: Date;
}

/** The columns a planned unit's new assignment is created with (ETAs rounded to whole seconds and metres). */
export function assignmentData(planned: PlannedUnit, fields: AssignmentFields) {
  return {
    incidentId: fields.incidentId,
    unitId: planned.unitId,
    role: planned.role,
    tier: planned.tier,
    etaSeconds: planned.etaSeconds === null ? null : Math.round(planned.etaSeconds),
    distanceMeters: planned.distanceMeters === null ? null : Math.round(planned.distanceMeters),
    etaMethod: planned.method,
    assignedById: fields.assignedById,
    assignedAt: fields.at,
    ...(planned.checkpoint ? { checkpoint: { ...planned.checkpoint } } : {}),
  };
}

/** The whole row of that new assignment, as the database stores it (for a path that wrote it in SQL). */
export function newAssignmentRow(
  planned: PlannedUnit,
  fields: AssignmentFields & { id: string },
): Assignment {
  return {
    id: fields.id,
    ...assignmentData(planned, fields),
    status: 'assigned',
    acceptedAt: null,
    enRouteAt: null,
    onSceneAt: null,
    clearedAt: null,
    cancelledAt: null,
    version: 0,
    checkpoint: planned.checkpoint ? { ...planned.checkpoint } : null,
  };
}

/**
 * The claim's result from the units the claim took (`claimed`) and the assignment created for
 * each (`created`, by unit id), in plan order; queues each claimed unit's `unit:updated`.
 */
export function applyClaim(
  outbox: Outbox,
  incidentId: string,
  planned: readonly PlannedUnit[],
  claimed: ReadonlyMap<string, ClaimedUnit>,
  created: ReadonlyMap<string, Assignment>,
): ClaimResult {
  const assignments: AssignmentWithUnit[] = [];
  const audit: AuditEntry[] = [];
  const refusedUnitIds: string[] = [];
  for (const unit of planned) {
    const row = claimed.get(unit.unitId);
    const assignment = created.get(unit.unitId);
    if (!row || !assignment) {
      refusedUnitIds.push(unit.unitId);
      continue;
    }
    assignments.push({ ...assignment, unit: { callSign: row.callSign, kind: row.kind } });
    announceClaimedUnit(outbox, row, assignment);
    audit.push(
      {
        action: 'assignment.create',
        entityType: 'assignment',
        entityId: assignment.id,
        after: { ...unit, incidentId },
      },
      {
        action: 'unit.status',
        entityType: 'unit',
        entityId: unit.unitId,
        before: { status: row.statusBefore },
        after: { status: 'assigned' },
      },
    );
  }
  return { assignments, refusedUnitIds, audit };
}

/** Queues the new assignments' events, then the incident's, as every dispatch path announces them. */
export function announceAssignments(
  outbox: Outbox,
  incident: IncidentWithAssignments,
  created: readonly AssignmentWithUnit[],
): void {
  for (const a of created) {
    outbox.add('assignment:created', toAssignmentDto(a), [ROOMS.wall, ROOMS.unit(a.unitId)]);
  }
  outbox.add('incident:updated', toIncidentDto(incident), incidentRooms(incident));
}
