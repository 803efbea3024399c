/** Units: live list, status changes (state machine), and supervisors moving units between grids. */
import { ROOMS, type UnitDto } from '@dispatch/contracts';
import {
  domainError,
  DomainErrorException,
  isUnitBusy,
  transitionUnit,
  unwrap,
  type UnitStatus,
} from '@dispatch/domain';
import { writeAudit } from './audit.js';
import { inTransaction, type Actor, type ServiceContext } from './context.js';
import { toUnitDto, unitInclude, type UnitWithActive } from './dto.js';
import type { GridService } from './grid-service.js';

/** Rooms that hear about a unit: the wall and the unit's own terminal. */
export function unitRooms(unit: { id: string }): string[] {
  return [ROOMS.wall, ROOMS.unit(unit.id)];
}

export class UnitService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly grids: GridService,
  ) {}

  async list(): Promise<UnitDto[]> {
    const rows = await this.ctx.prisma.unit.findMany({ include: unitInclude, orderBy: { callSign: 'asc' } });
    return rows.map(toUnitDto);
  }

  async get(id: string): Promise<UnitWithActive> {
    const unit = await this.ctx.prisma.unit.findUnique({ where: { id }, include: unitInclude });
    if (!unit) throw new DomainErrorException(domainError('NOT_FOUND', 'Unit not found', { unitId: id }));
    return unit;
  }

  async setStatus(
    id: string,
    status: UnitStatus,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<UnitWithActive> {
    const result = await inTransaction(this.ctx, async (tx, outbox) => {
      const unit = await tx.unit.findUnique({ where: { id }, include: unitInclude });
      if (!unit) throw new DomainErrorException(domainError('NOT_FOUND', 'Unit not found', { unitId: id }));
      // Busy statuses only the assignment workflow sets: a manual change must not fake them.
      if (isUnitBusy(status) || (unit.assignments.length > 0 && status !== unit.status)) {
        throw new DomainErrorException(
          domainError('ILLEGAL_TRANSITION', 'Assignment states are changed through the assignment', {
            entity: 'unit',
            from: unit.status,
            to: status,
          }),
        );
      }
      unwrap(transitionUnit(unit.status, status));
      const changed = await tx.unit.updateMany({
        where: { id, version: expectedVersion ?? unit.version },
        data: { status, version: { increment: 1 } },
      });
      if (changed.count === 0)
        throw new DomainErrorException(
          domainError('CONFLICT', 'Unit changed meanwhile; reload', { unitId: id }),
        );
      const updated = await tx.unit.findUniqueOrThrow({ where: { id }, include: unitInclude });
      await writeAudit(tx, actor, this.ctx.now(), [
        {
          action: 'unit.status',
          entityType: 'unit',
          entityId: id,
          before: { status: unit.status },
          after: { status },
        },
      ]);
      outbox.add('unit:updated', toUnitDto(updated), unitRooms(updated));
      return updated;
    });
    await this.grids.publishStaffing();
    return result;
  }

  async moveToGrid(
    id: string,
    gridId: string,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<UnitWithActive> {
    const result = await inTransaction(this.ctx, async (tx, outbox) => {
      const unit = await tx.unit.findUnique({ where: { id } });
      if (!unit) throw new DomainErrorException(domainError('NOT_FOUND', 'Unit not found', { unitId: id }));
      const grid = await tx.grid.findUnique({ where: { id: gridId } });
      if (!grid)
        throw new DomainErrorException(
          domainError('NOT_FOUND', 'Grid not found', { gridId, field: 'body.gridId' }),
        );
      const changed = await tx.unit.updateMany({
        where: { id, version: expectedVersion ?? unit.version },
        data: { currentGridId: gridId, version: { increment: 1 } },
      });
      if (changed.count === 0)
        throw new DomainErrorException(
          domainError('CONFLICT', 'Unit changed meanwhile; reload', { unitId: id }),
        );
      const updated = await tx.unit.findUniqueOrThrow({ where: { id }, include: unitInclude });
      await writeAudit(tx, actor, this.ctx.now(), [
        {
          action: 'unit.move_grid',
          entityType: 'unit',
          entityId: id,
          before: { gridId: unit.currentGridId },
          after: { gridId },
        },
      ]);
      outbox.add('unit:updated', toUnitDto(updated), unitRooms(updated));
      return updated;
    });
    await this.grids.publishStaffing();
    return result;
  }
}
