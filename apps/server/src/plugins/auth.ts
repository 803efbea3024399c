/**
 * Bearer-token authentication (JWT) and the permission check every route declares.
 * Tokens carry the user's id, role, unit and session, must carry `exp`, and are honoured only
 * while their session is open (checked per request, cached a few seconds: SessionService).
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
  /** The session the token belongs to (app_session.id): ending it refuses the token. */
  sid: string;
  /** Device credentials (wall screens) only read. */
  kind?: 'device';
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
    /** Signs the token of a session just started (its `exp` is the session's end). */
    issueToken: (
      user: TokenUser,
      session: { id: string; kind: string; createdAt: Date; expiresAt: Date },
    ) => string;
    /** Verifies a token (signature, `exp`, `sid`) and its session; throws UNAUTHENTICATED etc. */
    verifySessionToken: (token: string, touch?: boolean) => Promise<TokenPayload>;
    /** preHandler factory: 403 FORBIDDEN unless the caller's role may do `action`. */
    requirePermission: (
      action: PermissionAction,
      context?: (request: FastifyRequest) => PermissionContext | Promise<PermissionContext>,
    ) => (request: FastifyRequest) => Promise<void>;
  }
}

export interface TokenUser {
  id: string;
  username: string;
  role: Role;
  unitId: string | null;
}

export interface AuthPluginOptions {
  secret: string;
}

/** Throws FORBIDDEN unless `user` may perform `action` in `context`. */
export function assertAllowed(user: TokenPayload, action: PermissionAction, context: PermissionContext = {}) {
  const result = authorize(user.role, action, { actorUnitId: user.unitId, ...context });
  if (!result.ok) throw new DomainErrorException(result.error);
}

/** The only API routes callable without a token; everything else under /api/ is authenticated. */
const PUBLIC_ROUTES = new Set(['/api/auth/login', '/api/health']);
/** Callable with a locked (idle) session: unlocking it, and signing out. */
const LOCKED_ROUTES = new Set(['/api/auth/unlock', '/api/auth/logout']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const unauthenticated = (message: string) =>
  new DomainErrorException(domainError('UNAUTHENTICATED', message));

export default fp<AuthPluginOptions>(async function auth(app: FastifyInstance, options) {
  // Tokens are signed with an explicit expiresIn per session; one without `exp` or `sid` is refused.
  await app.register(jwt, { secret: options.secret, verify: { requiredClaims: ['exp', 'sid'] } });
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
  // `exp` is the session's lifetime from now by the wall clock (the JWT library checks it against
  // that clock; the session row keeps its own expiry on the services' clock).
  app.decorate(
    'issueToken',
    (user: TokenUser, session: { id: string; kind: string; createdAt: Date; expiresAt: Date }) =>
      app.jwt.sign({
        sub: user.id,
        username: user.username,
        role: user.role,
        unitId: user.unitId,
        sid: session.id,
        ...(session.kind === 'device' ? { kind: 'device' as const } : {}),
        exp: Math.floor((Date.now() + session.expiresAt.getTime() - session.createdAt.getTime()) / 1000),
      } as TokenPayload),
  );
  app.decorate('verifySessionToken', async (token: string, touch = true) => {
    let payload: TokenPayload;
    try {
      payload = app.jwt.verify<TokenPayload>(token);
    } catch {
      throw unauthenticated('A valid bearer token is required');
    }
    if (typeof payload.sid !== 'string') throw unauthenticated('A valid bearer token is required');
    const checked = await app.services.sessions.check(payload.sid, payload.sub, touch);
    // A role change ends the session, so this only guards against a token outliving that write.
    if (checked.role !== payload.role) throw unauthenticated('Role changed: sign in again');
    return payload;
  });
  // Every /api route authenticates at onRequest, and its permission check (or an explicit
  // preHandler) asks again: the token is verified once per request.
  const authenticated = new WeakSet<FastifyRequest>();
  app.decorate('authenticate', async (request: FastifyRequest) => {
    if (authenticated.has(request)) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/.exec(header);
    if (!match?.[1]) throw unauthenticated('A valid bearer token is required');
    const url = request.routeOptions.url ?? '';
    try {
      request.user = await app.verifySessionToken(match[1]);
    } catch (error) {
      if (
        LOCKED_ROUTES.has(url) &&
        error instanceof DomainErrorException &&
        error.error.code === 'SESSION_LOCKED'
      ) {
        request.user = app.jwt.decode<TokenPayload>(match[1])!;
      } else throw error;
    }
    // A wall screen's device credential reads only (a display; it takes no action).
    if (request.user.kind === 'device' && !SAFE_METHODS.has(request.method)) {
      throw new DomainErrorException(domainError('FORBIDDEN', 'A device credential only reads'));
    }
    authenticated.add(request);
  });
  app.decorate('requirePermission', (action, context) => async (request: FastifyRequest) => {
    await app.authenticate(request);
    assertAllowed(request.user, action, context ? await context(request) : {});
  });
});
