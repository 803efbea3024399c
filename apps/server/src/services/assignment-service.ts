/**
 * A unit working its assignment: accept, en route, on scene, clear (optionally resolving the
 * incident), or a dispatcher cancelling it. Each step moves assignment, unit and incident
 * together in one transaction; incident milestones are set once, from these events.
 */
import { ROOMS } from '@dispatch/contracts';
import {
  domainError,
  DomainErrorException,
  incidentEventOnClear,
  milestoneEventForAssignment,
  transitionAssignment,
  unitStatusForAssignment,
  unwrap,
  type AssignmentStatus,
  type LngLat,
  type Resolution,
} from '@dispatch/domain';
import { writeAudit } from './audit.js';
import { checkpointOf } from './checkpoint-service.js';
import { inTransaction, type Actor, type ServiceContext } from './context.js';
import { toAssignmentDto, toIncidentDto, toUnitDto, unitInclude, type AssignmentWithUnit } from './dto.js';
import { incidentRooms } from './incident-rooms.js';
import type { IncidentService } from './incident-service.js';
import { lockIncident } from './incident-repository.js';
import { progressUpdate } from './incident-milestones.js';
import { unitRooms } from './unit-service.js';

export type AssignmentAction = 'accept' | 'en_route' | 'on_scene' | 'clear' | 'cancel';

const TARGET: Record<AssignmentAction, AssignmentStatus> = {
  accept: 'accepted',
  en_route: 'en_route',
  on_scene: 'on_scene',
  clear: 'cleared',
  cancel: 'cancelled',
};
const STAMP: Partial<
  Record<AssignmentStatus, 'acceptedAt' | 'enRouteAt' | 'onSceneAt' | 'clearedAt' | 'cancelledAt'>
> = {
  accepted: 'acceptedAt',
  en_route: 'enRouteAt',
  on_scene: 'onSceneAt',
  cleared: 'clearedAt',
  cancelled: 'cancelledAt',
};

export class AssignmentService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly incidents: IncidentService,
  ) {}

  /** Who the assignment belongs to (for the own-unit permission check before acting). */
  async ownerOf(assignmentId: string): Promise<{ unitId: string; incidentId: string }> {
    const row = await this.ctx.prisma.assignment.findUnique({
      where: { id: assignmentId },
      select: { unitId: true, incidentId: true },
    });
    if (!row)
      throw new DomainErrorException(domainError('NOT_FOUND', 'Assignment not found', { assignmentId }));
    return row;
  }

  /**
   * Where the assignment's unit drives: its checkpoint for a checkpoint assignment, otherwise
   * the scene.
   */
  async destinationOf(assignmentId: string): Promise<{ unitId: string; lngLat: LngLat }> {
    const a = await this.ctx.prisma.assignment.findUnique({
      where: { id: assignmentId },
      select: { id: true, unitId: true, role: true, incident: { select: { lng: true, lat: true } } },
    });
    if (!a) throw new DomainErrorException(domainError('NOT_FOUND', 'Assignment not found'));
    const checkpoint = a.role === 'checkpoint' ? await checkpointOf(this.ctx.prisma, a.id) : null;
    return { unitId: a.unitId, lngLat: checkpoint ? checkpoint.lngLat : [a.incident.lng, a.incident.lat] };
  }

  async act(
    assignmentId: string,
    action: AssignmentAction,
    actor: Actor,
    resolution?: Resolution,
  ): Promise<AssignmentWithUnit> {
    const { incidentId } = await this.ownerOf(assignmentId);
    return inTransaction(this.ctx, async (tx, outbox) => {
      const now = this.ctx.now();
      const incident = await lockIncident(tx, incidentId);
      const current = incident.assignments.find((a) => a.id === assignmentId);
      if (!current)
        throw new DomainErrorException(domainError('NOT_FOUND', 'Assignment not found', { assignmentId }));
      const next = unwrap(transitionAssignment(current.status, TARGET[action]));
      const stamp = STAMP[next];
      // Conditional on the status we read: a concurrent step on the same assignment loses cleanly.
      const changed = await tx.assignment.updateMany({
        where: { id: assignmentId, status: current.status },
        data: { status: next, ...(stamp ? { [stamp]: new Date(now) } : {}), version: { increment: 1 } },
      });
      if (changed.count === 0)
        throw new DomainErrorException(
          domainError('CONFLICT', 'Assignment changed meanwhile; retry', { assignmentId }),
        );
      const unitBefore = await tx.unit.findUniqueOrThrow({ where: { id: current.unitId } });
      const unitStatus = unitStatusForAssignment(next, unitBefore.currentGridId !== incident.gridId);
      const unit = await tx.unit.update({
        where: { id: current.unitId },
        data: { status: unitStatus, version: { increment: 1 } },
        include: unitInclude,
      });
      const assignments = await tx.assignment.findMany({ where: { incidentId } });
      const milestone = milestoneEventForAssignment(next, current.role);
      const progress = progressUpdate(incident, assignments, milestone ? [milestone] : [], now);
      let updated = await tx.incident.update({
        where: { id: incidentId },
        data: {
          status: progress.status,
          firstDispatchedAt: progress.firstDispatchedAt,
          firstEnRouteAt: progress.firstEnRouteAt,
          firstOnSceneAt: progress.firstOnSceneAt,
          reinforcedAt: progress.reinforcedAt,
          version: { increment: 1 },
        },
        include: { assignments: { include: { unit: { select: { callSign: true, kind: true } } } } },
      });
      await writeAudit(tx, actor, now, [
        {
          action: `assignment.${action}`,
          entityType: 'assignment',
          entityId: assignmentId,
          before: { status: current.status },
          after: { status: next },
        },
        {
          action: 'unit.status',
          entityType: 'unit',
          entityId: unit.id,
          before: { status: unitBefore.status },
          after: { status: unit.status },
        },
      ]);
      // The unit clearing with a resolution resolves the incident (field feedback from the scene).
      const resolves = action === 'clear' ? incidentEventOnClear(updated.status, resolution) : null;
      if (resolves) {
        updated = await this.incidents.applyTransition(tx, outbox, updated, resolves, actor);
      } else {
        outbox.add('incident:updated', toIncidentDto(updated), incidentRooms(updated));
      }
      const assignment = updated.assignments.find((a) => a.id === assignmentId)!;
      outbox.add('assignment:updated', toAssignmentDto(assignment), [ROOMS.wall, ROOMS.unit(unit.id)]);
      outbox.add('unit:updated', toUnitDto(unit), unitRooms(unit));
      return assignment;
    });
  }
}
