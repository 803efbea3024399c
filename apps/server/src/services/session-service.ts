/**
 * Sessions: one row per sign-in (a staff console, a unit terminal) or wall-screen device
 * credential. Tokens name their session (`sid`); every REST request and socket handshake checks
 * it, so logout, a role change, an admin or a disabled account end it on every node, and an idle
 * staff console locks. Checks are cached a few seconds per node (the cost of a lookup per request).
 */
import { domainError, DomainErrorException, type Role } from '@dispatch/domain';
import type { Session, User } from '../generated/prisma/client.js';
import type { SessionDto } from '@dispatch/contracts';
import { writeAudit } from './audit.js';
import { inTransaction, type Actor, type ServiceContext } from './context.js';

export type SessionKind = 'console' | 'device';
export type EndReason = 'logout' | 'role_change' | 'admin' | 'disabled';

export interface SessionPolicy {
  /** Lifetime of a console session (the token's `exp`). */
  sessionTtlMs: number;
  /** Lifetime of a wall screen's device credential. */
  deviceTtlMs: number;
  /** Staff consoles lock after this long without a request. */
  idleLockMs: number;
  /** Roles whose console sessions never idle-lock (unit terminals). */
  idleLockExemptRoles: readonly string[];
  /** How long a check is reused on this node before the database is asked again. */
  recheckMs: number;
}

/** What a request may rely on once its session checked out. */
export interface CheckedSession {
  id: string;
  userId: string;
  role: Role;
  kind: SessionKind;
}

interface CacheEntry {
  checkedAt: number;
  /** Last activity as this node knows it (written back at most every `TOUCH_MS`). */
  lastSeenAt: number;
  storedLastSeenAt: number;
  session: Session & { user: Pick<User, 'disabled' | 'role'> };
}

/** Activity is written back at most this often: an idle timeout of minutes needs no more. */
const TOUCH_MS = 30_000;

const ended = (message: string, reason?: string | null) =>
  new DomainErrorException(domainError('SESSION_ENDED', message, reason ? { reason } : undefined));

/** Sessions read by one shared lookup at most (bounds its `IN` list). */
const LOAD_BATCH_MAX = 500;

type StoredSession = CacheEntry['session'];

export class SessionService {
  private readonly cache = new Map<string, CacheEntry>();
  /** The next lookup of sessions not in the cache, shared by every check before it starts. */
  private loading: { ids: Set<string>; loaded: Promise<Map<string, StoredSession>> } | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    readonly policy: SessionPolicy,
  ) {}

  /** Starts a session for `user`; a device credential never idle-locks. */
  async start(user: User, kind: SessionKind = 'console', label = ''): Promise<Session> {
    const now = this.ctx.now();
    const ttl = kind === 'device' ? this.policy.deviceTtlMs : this.policy.sessionTtlMs;
    return this.ctx.prisma.session.create({
      data: {
        userId: user.id,
        kind,
        label,
        idleLock: kind === 'console' && !this.policy.idleLockExemptRoles.includes(user.role),
        createdAt: new Date(now),
        lastSeenAt: new Date(now),
        expiresAt: new Date(now + ttl),
      },
    });
  }

  /**
   * A session row as stored now. After a restart every terminal's handshake misses the cache at
   * once: checks that ask before a lookup starts share one query (2,000 reconnecting terminals
   * made 2,000 of them); a lookup that already started is never joined, so none reads older rows.
   */
  private load(sessionId: string): Promise<StoredSession | null> {
    let batch = this.loading;
    if (!batch || batch.ids.size >= LOAD_BATCH_MAX) {
      const ids = new Set<string>();
      const loaded = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        if (this.loading === batch) this.loading = null;
        const rows = await this.ctx.prisma.session.findMany({
          where: { id: { in: [...ids] } },
          include: { user: { select: { disabled: true, role: true } } },
        });
        return new Map(rows.map((row) => [row.id, row]));
      });
      batch = { ids, loaded };
      this.loading = batch;
    }
    batch.ids.add(sessionId);
    return batch.loaded.then((rows) => rows.get(sessionId) ?? null);
  }

  /** The idle timeout a client should show a lock screen after, or null (never locks). */
  idleLockSeconds(session: Pick<Session, 'idleLock'>): number | null {
    return session.idleLock ? Math.floor(this.policy.idleLockMs / 1000) : null;
  }

  /**
   * Throws SESSION_ENDED (ended, expired, unknown), SESSION_LOCKED (idle) or UNAUTHENTICATED
   * (user gone or disabled); otherwise counts the request as activity unless `touch` is false.
   */
  async check(sessionId: string, userId: string, touch = true): Promise<CheckedSession> {
    const now = this.ctx.now();
    let entry = this.cache.get(sessionId);
    if (!entry || now - entry.checkedAt >= this.policy.recheckMs) {
      const session = await this.load(sessionId);
      if (!session) {
        this.cache.delete(sessionId);
        throw ended('No such session');
      }
      const stored = session.lastSeenAt.getTime();
      entry = {
        checkedAt: now,
        lastSeenAt: Math.max(stored, entry?.lastSeenAt ?? 0),
        storedLastSeenAt: stored,
        session,
      };
      this.cache.set(sessionId, entry);
    }
    const { session } = entry;
    if (session.userId !== userId) throw ended('Token and session disagree');
    if (session.endedAt) throw ended('The session has ended', session.endedReason);
    if (session.expiresAt.getTime() <= now) throw ended('The session has expired', 'expired');
    if (session.user.disabled) {
      throw new DomainErrorException(domainError('UNAUTHENTICATED', 'User disabled'));
    }
    if (session.idleLock && now - entry.lastSeenAt > this.policy.idleLockMs) {
      throw new DomainErrorException(
        domainError('SESSION_LOCKED', 'Locked after inactivity: enter your password to continue'),
      );
    }
    if (touch) {
      entry.lastSeenAt = now;
      if (now - entry.storedLastSeenAt >= TOUCH_MS) {
        entry.storedLastSeenAt = now;
        await this.ctx.prisma.session.update({
          where: { id: sessionId },
          data: { lastSeenAt: new Date(now) },
        });
      }
    }
    return {
      id: session.id,
      userId: session.userId,
      role: session.user.role,
      kind: session.kind as SessionKind,
    };
  }

  /** Unlocks an idle session (the password was just re-checked). */
  async unlock(sessionId: string): Promise<void> {
    const now = this.ctx.now();
    const updated = await this.ctx.prisma.session.updateMany({
      where: { id: sessionId, endedAt: null },
      data: { lastSeenAt: new Date(now) },
    });
    this.cache.delete(sessionId);
    if (updated.count === 0) throw ended('The session has ended');
  }

  async end(sessionId: string, reason: EndReason): Promise<Session | null> {
    this.cache.delete(sessionId);
    const session = await this.ctx.prisma.session.findUnique({ where: { id: sessionId } });
    if (!session) return null;
    if (session.endedAt) return session;
    return this.ctx.prisma.session.update({
      where: { id: sessionId },
      data: { endedAt: new Date(this.ctx.now()), endedReason: reason },
    });
  }

  /** Ends every open session of a user (an admin's "sign out everywhere", a role change). */
  async endAllForUser(userId: string, reason: EndReason): Promise<number> {
    const result = await this.ctx.prisma.session.updateMany({
      where: { userId, endedAt: null },
      data: { endedAt: new Date(this.ctx.now()), endedReason: reason },
    });
    for (const [id, entry] of this.cache) if (entry.session.userId === userId) this.cache.delete(id);
    return result.count;
  }

  /** Open sessions, newest first (optionally of one user). */
  async listOpen(userId?: string): Promise<SessionDto[]> {
    const rows = await this.ctx.prisma.session.findMany({
      where: { endedAt: null, expiresAt: { gt: new Date(this.ctx.now()) }, ...(userId ? { userId } : {}) },
      include: { user: { select: { username: true, role: true } } },
      orderBy: { createdAt: 'desc' },
      take: 500,
    });
    return rows.map(toSessionDto);
  }

  /** An admin ends every session of a user (audited). */
  async endForUserByAdmin(actor: Actor, userId: string): Promise<number> {
    await this.userOrThrow(userId);
    const ended = await this.endAllForUser(userId, 'admin');
    await inTransaction(this.ctx, (tx) =>
      writeAudit(tx, actor, this.ctx.now(), [
        { action: 'user.sessions_ended', entityType: 'user', entityId: userId, after: { ended } },
      ]),
    );
    return ended;
  }

  /** An admin ends one session (a lost wall screen's device credential, say). */
  async endOneByAdmin(actor: Actor, sessionId: string): Promise<void> {
    const session = await this.end(sessionId, 'admin');
    if (!session) throw new DomainErrorException(domainError('NOT_FOUND', 'No such session'));
    await inTransaction(this.ctx, (tx) =>
      writeAudit(tx, actor, this.ctx.now(), [
        { action: 'user.session_ended', entityType: 'user', entityId: session.userId, after: { sessionId } },
      ]),
    );
  }

  /** Changes a staff user's role; the old role's sessions end (their tokens name the old role). */
  async changeRole(actor: Actor, userId: string, role: Role): Promise<number> {
    const user = await this.userOrThrow(userId);
    if (user.role === role) return 0;
    if (role === 'unit' || user.role === 'unit') {
      throw new DomainErrorException(
        domainError('VALIDATION_FAILED', 'Unit accounts belong to a unit: their role does not change', {
          field: 'body.role',
        }),
      );
    }
    await inTransaction(this.ctx, async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { role } });
      await writeAudit(tx, actor, this.ctx.now(), [
        {
          action: 'user.role',
          entityType: 'user',
          entityId: userId,
          before: { role: user.role },
          after: { role },
        },
      ]);
    });
    return this.endAllForUser(userId, 'role_change');
  }

  /** Starts a wall screen's device credential acting as `username` (read-only, no idle lock). */
  async startDevice(
    actor: Actor,
    username: string,
    label: string,
  ): Promise<{ user: User; session: Session }> {
    const user = await this.ctx.prisma.user.findUnique({ where: { username } });
    if (!user || user.disabled) {
      throw new DomainErrorException(
        domainError('NOT_FOUND', `No active user ${username}`, { field: 'body.username' }),
      );
    }
    const session = await this.start(user, 'device', label);
    await inTransaction(this.ctx, (tx) =>
      writeAudit(tx, actor, this.ctx.now(), [
        {
          action: 'user.device_issued',
          entityType: 'user',
          entityId: user.id,
          after: { sessionId: session.id, label },
        },
      ]),
    );
    return { user, session };
  }

  toDto(session: Session, user: Pick<User, 'username' | 'role'>): SessionDto {
    return toSessionDto({ ...session, user });
  }

  private async userOrThrow(userId: string): Promise<User> {
    const user = await this.ctx.prisma.user.findUnique({ where: { id: userId } });
    if (!user) throw new DomainErrorException(domainError('NOT_FOUND', 'No such user'));
    return user;
  }

  /** Of these session ids, those no longer valid (for dropping their sockets). */
  async invalid(sessionIds: readonly string[]): Promise<Set<string>> {
    const now = this.ctx.now();
    const rows = await this.ctx.prisma.session.findMany({
      where: { id: { in: [...sessionIds] } },
      select: { id: true, endedAt: true, expiresAt: true, user: { select: { disabled: true } } },
    });
    const valid = new Set(
      rows.filter((r) => !r.endedAt && r.expiresAt.getTime() > now && !r.user.disabled).map((r) => r.id),
    );
    return new Set(sessionIds.filter((id) => !valid.has(id)));
  }
}

function toSessionDto(row: Session & { user: Pick<User, 'username' | 'role'> }): SessionDto {
  return {
    id: row.id,
    userId: row.userId,
    username: row.user.username,
    role: row.user.role,
    kind: row.kind === 'device' ? 'device' : 'console',
    label: row.label,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
