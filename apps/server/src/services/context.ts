/** What every service gets: the database, the event bus, a clock, and who is acting. */
import type { Role } from '@dispatch/domain';
import type { PrismaClient } from '../generated/prisma/client.js';
import { Outbox, type EventBus } from './event-bus.js';

export interface Actor {
  /** User id; null for the system itself (auto-dispatch, clock monitor). */
  id: string | null;
  name: string;
  role: Role | 'system';
  unitId: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: 'system', unitId: null };

export interface ServiceContext {
  prisma: PrismaClient;
  bus: EventBus;
  /** Epoch ms; injectable so tests control time. */
  now: () => number;
  timeZone: string;
}

/** Transaction client type (what `$transaction(async (tx) => ...)` hands in). */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Runs `work` in one transaction and publishes the events it gathered only after commit, so
 * clients never hear of a change that was rolled back.
 */
export async function inTransaction<T>(
  ctx: ServiceContext,
  work: (tx: Tx, outbox: Outbox) => Promise<T>,
): Promise<T> {
  const outbox = new Outbox();
  const result = await ctx.prisma.$transaction((tx) => work(tx, outbox), {
    timeout: 15_000,
    maxWait: 15_000,
  });
  ctx.bus.publish(outbox.events);
  return result;
}
