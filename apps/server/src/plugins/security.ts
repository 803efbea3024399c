/**
 * Response hardening: security headers with a content security policy (@fastify/helmet), CORS
 * only for configured origins (@fastify/cors), and the sign-in rate limit per client address
 * (@fastify/rate-limit, in Redis when several nodes share one, so the limit holds across them).
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { domainError, DomainErrorException } from '@dispatch/domain';

export interface SecurityOptions {
  corsOrigins: readonly string[];
  loginRateLimitPerMinute: number;
  loginRateAllowList?: readonly string[];
  redisUrl?: string | undefined;
  /** Key prefix (REDIS_KEY). */
  redisKey?: string;
}

/**
 * The console's policy: everything from its own origin. MapLibre starts its worker from a blob:
 * URL and draws into canvases from blob:/data: images; its style sets inline element styles.
 * Socket.IO connects back to the same origin ('self' covers ws: and wss: there).
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  imgSrc: ["'self'", 'data:', 'blob:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  // The console is served over plain HTTP inside police networks too: no forced upgrade.
  upgradeInsecureRequests: null,
};

export default fp<SecurityOptions>(async function security(app: FastifyInstance, options) {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // HSTS belongs to the TLS terminator (load balancer); over plain HTTP it would do harm.
    strictTransportSecurity: false,
  });
  if (options.corsOrigins.length > 0) {
    await app.register(cors, { origin: [...options.corsOrigins], credentials: false });
  }
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1 })
    : undefined;
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => undefined)));
  // Only routes that ask for it (sign-in) are limited: `config: { rateLimit: {} }`.
  await app.register(rateLimit, {
    global: false,
    max: options.loginRateLimitPerMinute,
    allowList: [...(options.loginRateAllowList ?? [])],
    timeWindow: 60_000,
    ...(redis ? { redis, nameSpace: `${options.redisKey ?? 'dispatch'}-rl-` } : {}),
    errorResponseBuilder: (_request, context) =>
      new DomainErrorException(
        domainError('RATE_LIMITED', 'Too many sign-in attempts from this address', {
          retryAfterSeconds: Math.ceil(context.ttl / 1000),
        }),
      ),
  });
});
