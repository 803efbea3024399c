/**
 * Builds the Fastify application: infrastructure plugins, then one route plugin per area under
 * /api, the OpenAPI document at /api/docs, and the built web console at /.
 */
import { existsSync } from 'node:fs';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { ErrorBody } from '@dispatch/contracts';
import { durationMs, type ServerConfig } from './config.js';
import type { Database } from './db/database.js';
import authPlugin from './plugins/auth.js';
import { loggerOptions } from './plugins/log-redaction.js';
import securityPlugin from './plugins/security.js';
import databasePlugin from './plugins/database.js';
import errorsPlugin from './plugins/errors.js';
import inputGuardPlugin from './plugins/input-guard.js';
import realtimePlugin from './plugins/realtime.js';
import servicesPlugin from './plugins/services.js';
import strictBodyPlugin from './plugins/strict-body.js';
import assignmentRoutes from './routes/assignments.js';
import auditRoutes from './routes/audit.js';
import authRoutes from './routes/auth.js';
import checkpointRoutes from './routes/checkpoints.js';
import gridRoutes from './routes/grids.js';
import healthRoutes from './routes/health.js';
import hotspotRoutes from './routes/hotspots.js';
import incidentRoutes from './routes/incidents.js';
import kpiRoutes from './routes/kpi.js';
import coverageRoutes from './routes/coverage.js';
import standbyRoutes from './routes/standby.js';
import moveUpRoutes from './routes/move-up.js';
import mapRoutes from './routes/map.js';
import geocodeRoutes from './routes/geocode.js';
import relatedCallRoutes from './routes/related-calls.js';
import tileRoutes from './routes/tiles.js';
import reportRoutes from './routes/reports.js';
import settingsRoutes from './routes/settings.js';
import unitRoutes from './routes/units.js';
import userRoutes from './routes/users.js';

export interface BuildOptions {
  config: ServerConfig;
  /** Reuse an open database (tests); otherwise opened from the config. */
  database?: Database;
  now?: () => number;
  /** Run the clock monitor and position flushing in the background (default true). */
  background?: boolean;
  logger?: boolean | object;
  /** Tests: an event published with no rooms and not internal throws instead of being logged. */
  strictEvents?: boolean;
}

/** Request lines at debug (the interactive start), errors as Fastify logs them. */
class QuietRequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }
  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error || this.isLogDisabled(request)) return super.requestCompleted(error, request, reply);
    reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** The logger for the configured format (tests pass their own). */
function baseLogger(config: ServerConfig): object {
  if (config.logFormat === 'json') return { level: config.logLevel };
  return {
    level: config.logLevel,
    transport: {
      target: 'pino-pretty',
      options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,reqId', singleLine: true },
    },
  };
}

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: loggerOptions(options.logger ?? baseLogger(config)),
    logController: config.logFormat === 'pretty' ? new QuietRequestLog() : new LogController(),
    // Reject unknown fields instead of silently dropping them; coerce query strings only as needed.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    bodyLimit: 1024 * 1024,
    // Only named balancers may say who the client is; anyone else's X-Forwarded-For is ignored.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addSchema({ $id: 'ErrorBody', ...ErrorBody });
  await app.register(errorsPlugin);
  await app.register(inputGuardPlugin);
  await app.register(strictBodyPlugin);
  await app.register(databasePlugin, {
    database: options.database,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  await app.register(securityPlugin, {
    corsOrigins: config.corsOrigins,
    loginRateLimitPerMinute: config.loginRateLimitPerMinute,
    loginRateAllowList: config.loginRateAllowList,
    redisUrl: config.redisUrl,
    redisKey: config.redisKey,
  });
  await app.register(authPlugin, { secret: config.jwtSecret });
  await app.register(servicesPlugin, {
    signIn: {
      maxFailures: config.loginMaxFailures,
      lockoutMs: config.loginLockoutMinutes * 60_000,
      totpRequired: config.totpRequired,
    },
    sessions: {
      sessionTtlMs: durationMs(config.tokenTtl),
      deviceTtlMs: durationMs(config.deviceTokenTtl),
      idleLockMs: config.idleLockMinutes * 60_000,
      idleLockExemptRoles: config.idleLockExemptRoles,
      recheckMs: 5_000,
    },
    timeZone: config.timeZone,
    positionFlushMs: config.positionFlushMs,
    positionMaxPending: config.positionMaxPending,
    hotspotRebuildMs: config.hotspotRebuildSeconds * 1000,
    planning: config.planning,
    ...(options.now ? { now: options.now } : {}),
    background: options.background ?? true,
  });
  await app.register(realtimePlugin, {
    redisUrl: config.redisUrl,
    redisKey: config.redisKey,
    strictEvents: options.strictEvents === true,
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'dispatch-console API',
        version: '0.1.0',
        description: '110 command-and-dispatch console',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(userRoutes);
      await api.register(incidentRoutes);
      await api.register(assignmentRoutes);
      await api.register(checkpointRoutes);
      await api.register(unitRoutes);
      await api.register(gridRoutes);
      await api.register(mapRoutes);
      await api.register(tileRoutes);
      await api.register(auditRoutes);
      await api.register(settingsRoutes);
      await api.register(kpiRoutes);
      await api.register(coverageRoutes);
      await api.register(standbyRoutes);
      await api.register(moveUpRoutes);
      await api.register(hotspotRoutes);
      await api.register(reportRoutes);
      await api.register(geocodeRoutes);
      await api.register(relatedCallRoutes);
    },
    { prefix: '/api' },
  );
  const hasWeb = existsSync(config.webDist);
  if (hasWeb) await app.register(fastifyStatic, { root: config.webDist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (/wall, /unit, /grids...) all serve the console's index.html.
    if (
      hasWeb &&
      request.method === 'GET' &&
      !request.url.startsWith('/api') &&
      !request.url.startsWith('/socket.io') &&
      // A glyph range the console does not ship is a 404, so MapLibre draws it with local fonts.
      !request.url.startsWith('/glyphs/')
    ) {
      return reply.sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url}` } });
  });
  return app;
}
