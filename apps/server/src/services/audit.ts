/** Audit events are written inside the same transaction as the change they describe. */
import type { Prisma } from '../generated/prisma/client.js';
import type { Actor, Tx } from './context.js';

export interface AuditEntry {
  action: string;
  entityType: 'incident' | 'assignment' | 'unit' | 'grid' | 'user' | 'plan' | 'setting' | 'road_network';
  entityId: string;
  before?: unknown;
  after?: unknown;
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
      actorId: actor.id,
      actorName: actor.name,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: json(e.before),
      after: json(e.after),
    })),
  });
}
