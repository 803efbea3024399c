/** Audit events are written inside the same transaction as the change they describe. */
import type { AuditEventDto, AuditQuery } from '@dispatch/contracts';
import type { Prisma } from '../generated/prisma/client.js';
import type { Actor, ServiceContext, Tx } from './context.js';
import { toAuditEventDto } from './dto.js';

export interface AuditEntry {
  action: string;
  entityType:
    | 'incident'
    | 'assignment'
    | 'unit'
    | 'grid'
    | 'user'
    | 'plan'
    | 'setting'
    | 'road_network'
    | 'move_up'
    | 'gazetteer';
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** Who did it, when not the actor of the whole write (auto-dispatch inside a call's creation). */
  actor?: Actor;
}

const json = (value: unknown) =>
  value === undefined || value === null
    ? undefined
    : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

export async function writeAudit(
  tx: Tx,
  actor: Actor,
  at: number,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditEvent.createMany({
    data: entries.map((e) => ({
      at: new Date(at),
      actorId: (e.actor ?? actor).id,
      actorName: (e.actor ?? actor).name,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: json(e.before),
      after: json(e.after),
    })),
  });
}

/** The audit trail filtered by `q`, newest first. */
export async function listAudit(
  ctx: Pick<ServiceContext, 'prisma'>,
  q: AuditQuery,
): Promise<AuditEventDto[]> {
  const rows = await ctx.prisma.auditEvent.findMany({
    where: {
      ...(q.entityType ? { entityType: q.entityType } : {}),
      ...(q.entityId ? { entityId: q.entityId } : {}),
      ...(q.actorId ? { actorId: q.actorId } : {}),
      ...(q.from || q.to
        ? { at: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lt: new Date(q.to) } : {}) } }
        : {}),
    },
    orderBy: { at: 'desc' },
    take: q.limit ?? 200,
  });
  return rows.map(toAuditEventDto);
}
