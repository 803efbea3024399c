/**
 * Socket.IO on the same HTTP server. The token is checked at the handshake; staff join the
 * `wall` room, unit terminals their own `unit:<id>` room; every event published on the bus goes
 * to its rooms, except internal ones (this node's services only). A reconnecting client either
 * recovers the missed events (connection-state recovery) or receives a fresh snapshot. With
 * REDIS_URL, events reach clients of every node.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { ROOMS, type ClientToServerEvents, type ServerToClientEvents } from '@dispatch/contracts';
import { can, domainError, DomainErrorException, isDomainError } from '@dispatch/domain';
import type { EventPayload } from '../services/event-bus.js';
import type { TokenPayload } from './auth.js';
import { fieldName, nulPath } from './input-guard.js';

declare module 'fastify' {
  interface FastifyInstance {
    io: Server<ClientToServerEvents, ServerToClientEvents>;
    /** Disconnects this node's sockets whose session has ended (the others sweep within seconds). */
    dropEndedSessions: () => Promise<void>;
  }
}

export interface RealtimeOptions {
  redisUrl?: string | undefined;
  /** Channel prefix of the adapter (REDIS_KEY). */
  redisKey?: string;
  /** Throw on an event with no rooms that is not internal (tests), instead of logging it. */
  strictEvents?: boolean;
}

type DispatchSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { user: TokenPayload }
>;

function errorReply(error: unknown) {
  const domain = error instanceof DomainErrorException ? error.error : isDomainError(error) ? error : null;
  const field = typeof domain?.details?.field === 'string' ? domain.details.field : undefined;
  return {
    ok: false as const,
    error: domain
      ? { code: domain.code, message: domain.message, ...(field ? { field } : {}) }
      : { code: 'INTERNAL', message: 'failed' },
  };
}

/** Server-to-server event (Redis adapter) carrying a node's position batch to the other nodes. */
const PEER_POSITIONS = 'peer:unit:positions';
/** How often each node drops the sockets of sessions ended elsewhere (logout on another node). */
const SESSION_SWEEP_MS = 15_000;

export default fp<RealtimeOptions>(async function realtime(app: FastifyInstance, options) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(app.server, {
    path: '/socket.io',
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });
  const redisClients: Redis[] = [];
  if (options.redisUrl) {
    const pub = new Redis(options.redisUrl, { lazyConnect: true });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub, { key: `${options.redisKey ?? 'dispatch'}-socket.io` }));
    app.log.info('socket.io redis adapter enabled');
  }
  app.decorate('io', io);

  io.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown })?.token;
    try {
      if (typeof token !== 'string') throw new Error('missing token');
      // A socket is no activity of its own: only REST requests keep a console from idle-locking.
      const user = await app.verifySessionToken(token, false);
      (socket as DispatchSocket).data.user = user;
      next();
    } catch {
      next(new Error('UNAUTHENTICATED'));
    }
  });

  io.on('connection', async (raw) => {
    const socket = raw as DispatchSocket;
    const user = socket.data.user;
    if (user.role === 'unit') {
      if (user.unitId) await socket.join(ROOMS.unit(user.unitId));
    } else {
      await socket.join(ROOMS.wall);
    }
    // Every event's payload, as every route's input (plugins/input-guard.ts): no NUL reaches a query.
    socket.use((packet, next) => {
      const args = packet.slice(1);
      const ack = args.at(-1);
      const at = nulPath(typeof ack === 'function' ? args.slice(0, -1) : args);
      if (!at) return next();
      // The payload is `body` as on REST (arguments after the first keep their index).
      const [index, ...rest] = at;
      const field = fieldName(index === 0 ? 'body' : `args.${index}`, rest);
      if (typeof ack === 'function') {
        (ack as (reply: unknown) => void)(
          errorReply(domainError('VALIDATION_FAILED', `${field} must not contain NUL characters`, { field })),
        );
      }
    });
    socket.on('unit:position', async (report, ack) => {
      try {
        if (
          !user.unitId ||
          !can(user.role, 'unit.position', { actorUnitId: user.unitId, targetUnitId: user.unitId })
        ) {
          throw new DomainErrorException({
            code: 'FORBIDDEN',
            message: 'Only a unit reports its own position',
          });
        }
        const valid = app.services.validatePosition(report);
        if (!valid.ok) throw new DomainErrorException(valid.error);
        await app.services.positions.report(user.unitId, report);
        ack?.({ ok: true });
      } catch (error) {
        ack?.(errorReply(error));
      }
    });
    // A unit terminal hears only its own unit's room: its snapshot covers exactly that.
    const snapshot = () =>
      user.role === 'unit'
        ? app.services.snapshots.buildForUnit(user.unitId ?? '')
        : app.services.snapshots.build();
    socket.on('snapshot:request', async (ack) => {
      try {
        ack({ ok: true, value: await snapshot() });
      } catch (error) {
        ack(errorReply(error));
      }
    });
    if (!socket.recovered) socket.emit('snapshot', await snapshot());
    // Position batches are not replayed (volatile): a recovered staff screen gets where every
    // unit is now instead, newer than anything it missed.
    else if (user.role !== 'unit') socket.emit('unit:positions', await app.services.snapshots.positions());
  });

  // Behind the Redis adapter every node's wall screens get every node's position batches, but a
  // node's ranking hears only its own bus: a unit reporting through another node would be ranked
  // by the position its roster last read (minutes old). Batches go to the other nodes as well, and
  // arrive on their bus as internal (their walls already had them through the adapter).
  const peers = Boolean(options.redisUrl); // as the adapter above
  if (peers) {
    io.on(PEER_POSITIONS as never, (payload: EventPayload<'unit:positions'>) =>
      app.services.bus.publish([{ name: 'unit:positions', payload, internal: true }]),
    );
  }
  const unsubscribe = app.services.bus.subscribe((event) => {
    if (event.internal) return;
    if (!event.rooms?.length) {
      // A publisher forgot its audience: an event no client hears would otherwise look delivered.
      const error = new Error(`event ${event.name} has no rooms and is not marked internal`);
      if (options.strictEvents) throw error;
      app.log.error({ err: error }, 'event dropped: no rooms');
      return;
    }
    if (peers && event.name === 'unit:positions') io.serverSideEmit(PEER_POSITIONS, event.payload);
    const to = io.to(event.rooms);
    (
      (event.volatile ? to.volatile : to) as unknown as { emit: (name: string, payload: unknown) => void }
    ).emit(event.name, event.payload);
  });

  // Sockets outlive their handshake (and recovered ones skip it): drop those whose session ended.
  const dropEndedSessions = async () => {
    const sockets = [...io.of('/').sockets.values()] as DispatchSocket[];
    const ids = [...new Set(sockets.map((s) => s.data.user?.sid).filter((id): id is string => !!id))];
    if (ids.length === 0) return;
    const gone = await app.services.sessions.invalid(ids);
    for (const socket of sockets) if (gone.has(socket.data.user?.sid)) socket.disconnect(true);
  };
  app.decorate('dropEndedSessions', dropEndedSessions);
  const sweep = setInterval(() => {
    dropEndedSessions().catch((error: unknown) => app.log.warn({ err: error }, 'session sweep failed'));
  }, SESSION_SWEEP_MS);
  sweep.unref();

  // Open websockets would hold the HTTP server's close (a SIGTERM never finished). They are closed
  // before it, at the transport: clients see 'transport close' and reconnect by themselves, where
  // a socket.io disconnect ('io server disconnect') would leave every screen offline after a restart.
  app.addHook('preClose', async () => {
    io.engine.close();
  });
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    unsubscribe();
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await Promise.all(redisClients.map((c) => c.quit().catch(() => undefined)));
  });
});
