/**
 * Bearer-token authentication (JWT) and the permission check every route declares.
 * Tokens carry the user's id, role and unit so checks need no database round trip.
 */
import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import {
  authorize,
  domainError,
  DomainErrorException,
  type PermissionAction,
  type PermissionContext,
  type Role,
} from '@dispatch/domain';

export interface TokenPayload {
  sub: string;
  username: string;
  role: Role;
  unitId: string | null;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenPayload;
    user: TokenPayload;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: rejects requests without a valid token (401 UNAUTHENTICATED). */
    authenticate: (request: FastifyRequest) => Promise<void>;
    /** Throws UNAUTHENTICATED when the user's account has been disabled. */
    assertUserActive: (userId: string) => Promise<void>;
    /** preHandler factory: 403 FORBIDDEN unless the caller's role may do `action`. */
    requirePermission: (
      action: PermissionAction,
      context?: (request: FastifyRequest) => PermissionContext | Promise<PermissionContext>,
    ) => (request: FastifyRequest) => Promise<void>;
  }
}

export interface AuthPluginOptions {
  secret: string;
  tokenTtl: string;
}

/** Throws FORBIDDEN unless `user` may perform `action` in `context`. */
export function assertAllowed(user: TokenPayload, action: PermissionAction, context: PermissionContext = {}) {
  const result = authorize(user.role, action, { actorUnitId: user.unitId, ...context });
  if (!result.ok) throw new DomainErrorException(result.error);
}

/** The only API routes callable without a token; everything else under /api/ is authenticated. */
const PUBLIC_ROUTES = new Set(['/api/auth/login', '/api/health']);
const ACTIVE_USER_RECHECK_MS = 5_000;

export default fp<AuthPluginOptions>(async function auth(app: FastifyInstance, options) {
  await app.register(jwt, { secret: options.secret, sign: { expiresIn: options.tokenTtl } });
  // The token is checked first (onRequest), before schema validation: a caller without one
  // learns nothing about the API's input rules. The per-route permission check stays a preHandler.
  app.addHook('onRoute', (route: RouteOptions) => {
    const url = route.url ?? '';
    if (!url.startsWith('/api/') || url.startsWith('/api/docs') || PUBLIC_ROUTES.has(url)) return;
    const existing = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [
      ...existing,
      (request: FastifyRequest) => app.authenticate(request),
    ] as RouteOptions['onRequest'];
  });
  // A token outlives a disabled account (12 h by default): each user is re-checked against the
  // database, at most every few seconds, so disabling someone takes effect at once in practice.
  const activeSince = new Map<string, number>();
  app.decorate('assertUserActive', async (userId: string) => {
    const checked = activeSince.get(userId);
    if (checked !== undefined && Date.now() - checked < ACTIVE_USER_RECHECK_MS) return;
    const user = await app.db.prisma.user.findUnique({ where: { id: userId }, select: { disabled: true } });
    // Only a disabled account is refused here: users are disabled, never deleted (assignments
    // and audit rows keep pointing at them), and service tokens may name no stored user.
    if (user?.disabled) {
      activeSince.delete(userId);
      throw new DomainErrorException(domainError('UNAUTHENTICATED', 'User disabled'));
    }
    activeSince.set(userId, Date.now());
  });
  // Every /api route authenticates at onRequest, and its permission check (or an explicit
  // preHandler) asks again: the token is verified once per request.
  const authenticated = new WeakSet<FastifyRequest>();
  app.decorate('authenticate', async (request: FastifyRequest) => {
    if (authenticated.has(request)) return;
    try {
      await request.jwtVerify();
    } catch {
      throw new DomainErrorException(domainError('UNAUTHENTICATED', 'A valid bearer token is required'));
    }
    await app.assertUserActive(request.user.sub);
    authenticated.add(request);
  });
  app.decorate('requirePermission', (action, context) => async (request: FastifyRequest) => {
    await app.authenticate(request);
    assertAllowed(request.user, action, context ? await context(request) : {});
  });
});
