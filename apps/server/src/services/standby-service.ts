/**
 * Standby orders: a supervisor or dispatcher tells a free unit where to wait (standby on the
 * move), or accepts a move-up. The unit stays free for calls. An order is written with its audit
 * event in one transaction and announced after commit to the wall and the unit's terminal; giving
 * a new order replaces the active one. When the unit stops being free (dispatched, off duty) its
 * order ends: at once on the node that saw the change, and by a sweep on every pass otherwise.
 */
import type { StandbyOrderBody, StandbyOrderDto, StandbyUpdatedEvent } from '@dispatch/contracts';
import { ROOMS } from '@dispatch/contracts';
import {
  BUSY_UNIT_STATUSES,
  DISPATCHABLE_UNIT_STATUSES,
  domainError,
  DomainErrorException,
  isUnitDispatchable,
  standbyEndReason,
  type UnitStatus,
} from '@dispatch/domain';
import { isValidLngLat } from '@dispatch/routing';
import { Prisma, type StandbyOrder } from '../generated/prisma/client.js';
import { writeAudit } from './audit.js';
import { inTransaction, type Actor, type ServiceContext, type Tx } from './context.js';
import type { EventPayload } from './event-bus.js';
import type { Outbox } from './event-bus.js';

export function toStandbyOrderDto(o: StandbyOrder): StandbyOrderDto {
  return {
    id: o.id,
    unitId: o.unitId,
    lngLat: [o.lng, o.lat],
    reason: o.reason as StandbyOrderDto['reason'],
    note: o.note,
    gain: o.gain,
    createdAt: o.createdAt.toISOString(),
    createdById: o.createdById,
    status: o.status as StandbyOrderDto['status'],
    endReason: (o.endReason ?? null) as StandbyOrderDto['endReason'],
    endedAt: o.endedAt ? o.endedAt.toISOString() : null,
  };
}

const rooms = (unitId: string) => [ROOMS.wall, ROOMS.unit(unitId)];

export class StandbyService {
  private unsubscribe: (() => void) | null = null;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Ends orders as units stop being free on this node (other nodes' changes: see sweep). */
  start(): void {
    this.unsubscribe = this.ctx.bus.subscribe((event) => {
      if (event.name !== 'unit:updated') return;
      const unit = event.payload as EventPayload<'unit:updated'>;
      if (standbyEndReason(unit.status as UnitStatus)) void this.sweep([unit.id]).catch(this.onError);
    });
  }

  /** Sweeps every `intervalMs` for changes made on other nodes or by tools. */
  startSweeps(intervalMs: number): void {
    this.sweeper = setInterval(() => void this.sweep().catch(this.onError), intervalMs);
    this.sweeper.unref();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  /**
   * Gives `unitId` a standby order at `body.lngLat`, replacing its active one. `within`: inside the
   * caller's transaction (an accepted move-up writes its decision and the order together).
   */
  async order(
    unitId: string,
    body: StandbyOrderBody,
    actor: Actor,
    reason: 'standby' | 'move_up' = 'standby',
    within?: { tx: Tx; outbox: Outbox },
  ): Promise<StandbyOrderDto> {
    if (!isValidLngLat(body.lngLat)) {
      throw new DomainErrorException(
        domainError('VALIDATION_FAILED', 'body.lngLat is not a valid [lng, lat]', { field: 'body.lngLat' }),
      );
    }
    const write = async (tx: Tx, outbox: Outbox) => {
      // Locks the unit row: a dispatch claiming it waits, so the order never lands on a busy unit.
      const [unit] = await tx.$queryRaw<{ id: string; status: string }[]>`
        SELECT id, status::text AS status FROM unit WHERE id = ${unitId} FOR NO KEY UPDATE`;
      if (!unit) throw new DomainErrorException(domainError('NOT_FOUND', 'Unit not found', { unitId }));
      if (!isUnitDispatchable(unit.status as UnitStatus)) {
        throw new DomainErrorException(
          domainError('UNIT_NOT_AVAILABLE', `Unit is ${unit.status}: only a free unit waits on standby`, {
            unitId,
            status: unit.status,
          }),
        );
      }
      const now = new Date(this.ctx.now());
      const replaced = await tx.standbyOrder.updateManyAndReturn({
        where: { unitId, status: 'active' },
        data: { status: 'ended', endReason: 'replaced', endedAt: now },
      });
      const created = await tx.standbyOrder.create({
        data: {
          unitId,
          lng: body.lngLat[0],
          lat: body.lngLat[1],
          reason,
          note: body.note ?? '',
          gain: body.gain ?? null,
          createdById: actor.id,
          createdAt: now,
        },
      });
      const dto = toStandbyOrderDto(created);
      await writeAudit(tx, actor, now.getTime(), [
        {
          action: reason === 'move_up' ? 'unit.move_up' : 'unit.standby',
          entityType: 'unit',
          entityId: unitId,
          before: replaced[0] ? toStandbyOrderDto(replaced[0]) : null,
          after: dto,
        },
      ]);
      this.announce(outbox, unitId, dto, replaced[0] ? toStandbyOrderDto(replaced[0]) : null);
      return dto;
    };
    return within ? write(within.tx, within.outbox) : inTransaction(this.ctx, write);
  }

  /** Cancels the unit's active order (NOT_FOUND when it has none). */
  async cancel(unitId: string, actor: Actor): Promise<StandbyOrderDto> {
    return inTransaction(this.ctx, async (tx, outbox) => {
      const now = new Date(this.ctx.now());
      const [ended] = await tx.standbyOrder.updateManyAndReturn({
        where: { unitId, status: 'active' },
        data: { status: 'ended', endReason: 'cancelled', endedAt: now },
      });
      if (!ended)
        throw new DomainErrorException(domainError('NOT_FOUND', 'Unit has no standby order', { unitId }));
      const dto = toStandbyOrderDto(ended);
      await writeAudit(tx, actor, now.getTime(), [
        { action: 'unit.standby_cancel', entityType: 'unit', entityId: unitId, before: dto, after: null },
      ]);
      this.announce(outbox, unitId, null, dto);
      return dto;
    });
  }

  /** The unit's active order, or null. */
  async current(unitId: string): Promise<StandbyOrderDto | null> {
    const row = await this.ctx.prisma.standbyOrder.findFirst({ where: { unitId, status: 'active' } });
    return row ? toStandbyOrderDto(row) : null;
  }

  /** Every active order (staff screens on start). */
  async active(): Promise<StandbyOrderDto[]> {
    const rows = await this.ctx.prisma.standbyOrder.findMany({
      where: { status: 'active' },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map(toStandbyOrderDto);
  }

  /**
   * Ends the active orders of units that are no longer free (all units, or those named), and
   * announces each. Idempotent: an order ends once, whichever node gets there first.
   */
  async sweep(unitIds?: readonly string[]): Promise<number> {
    const rows = await this.ctx.prisma.$queryRaw<(StandbyOrder & { unitStatus: string })[]>`
      UPDATE standby_order o SET status = 'ended',
        -- standbyEndReason, with the domain's status lists: busy -> dispatched, else off duty.
        end_reason = CASE WHEN u.status::text = ANY(${[...BUSY_UNIT_STATUSES]}::text[]) THEN 'dispatched' ELSE 'off_duty' END,
        ended_at = ${new Date(this.ctx.now())}
      FROM unit u
      WHERE o.unit_id = u.id AND o.status = 'active'
        AND NOT (u.status::text = ANY(${[...DISPATCHABLE_UNIT_STATUSES]}::text[]))
        ${unitIds ? Prisma.sql`AND o.unit_id = ANY(${[...unitIds]}::text[])` : Prisma.empty}
      RETURNING o.id, o.unit_id AS "unitId", o.lng, o.lat, o.reason, o.note, o.gain,
        o.created_by_id AS "createdById", o.created_at AS "createdAt", o.status,
        o.end_reason AS "endReason", o.ended_at AS "endedAt", u.status::text AS "unitStatus"`;
    const events = rows.map((r) => {
      const { unitStatus: _status, ...order } = r;
      const ended = toStandbyOrderDto({
        ...order,
        createdAt: new Date(order.createdAt),
        endedAt: order.endedAt ? new Date(order.endedAt) : null,
      });
      const payload: StandbyUpdatedEvent = { unitId: r.unitId, order: null, ended };
      return { name: 'standby:updated' as const, payload, rooms: rooms(r.unitId) };
    });
    if (events.length > 0) this.ctx.bus.publish(events);
    return events.length;
  }

  private announce(
    outbox: Outbox,
    unitId: string,
    order: StandbyOrderDto | null,
    ended: StandbyOrderDto | null,
  ) {
    outbox.add('standby:updated', { unitId, order, ended }, rooms(unitId));
  }
}
