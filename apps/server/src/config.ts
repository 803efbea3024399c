/** Every setting the server reads, from the environment, with its default. Documented in README. */
export interface ServerConfig {
  host: string;
  port: number;
  /** PostgreSQL connection string; unset = embedded PGlite. */
  databaseUrl: string | undefined;
  /** PGlite data directory (embedded engine only). */
  dataDir: string;
  jwtSecret: string;
  /** Token lifetime, e.g. '12h' (a shift and a half). */
  tokenTtl: string;
  /** Demo mode: seeds the demo city and demo users when the database is empty. */
  demo: boolean;
  /**
   * A real city to run the demo on (`pnpm start --city FILE`): an .osm.pbf, .osm or road
   * GeoJSON imported into an empty database instead of the generated city. Demo mode only.
   */
  cityFile: string | undefined;
  /** Redis URL: enables the Socket.IO Redis adapter so several server nodes share events. */
  redisUrl: string | undefined;
  /** IANA time zone of the centre: incident numbers and reports use its calendar days. */
  timeZone: string;
  /** Built web console to serve at / (skipped when the directory is missing). */
  webDist: string;
  logLevel: string;
  /** How often buffered position reports are written (ms). */
  positionFlushMs: number;
  /** Position reports buffered and not yet written beyond which new ones are refused (503). */
  positionMaxPending: number;
  /** How often the hot-spot surface is rebuilt from the incident history (seconds). */
  hotspotRebuildSeconds: number;
  /** Wrong passwords in a row after which an account is locked (at most 5). */
  loginMaxFailures: number;
  /** How long a locked account stays locked (minutes, at least 10). */
  loginLockoutMinutes: number;
  /** Sign-in attempts per client address per minute (429 beyond). */
  loginRateLimitPerMinute: number;
  /** Addresses the sign-in rate limit does not count (the demo's own simulator logs in every crew). */
  loginRateAllowList: string[];
  /** Staff consoles lock after this many idle minutes (at most 30). */
  idleLockMinutes: number;
  /** Roles whose sessions never idle-lock (unit terminals); wall screens use device credentials. */
  idleLockExemptRoles: string[];
  /** Lifetime of a wall screen's device credential, e.g. '365d'. */
  deviceTokenTtl: string;
  /** Admin and supervisor accounts must sign in with a TOTP second factor. */
  totpRequired: boolean;
  /** Origins allowed by CORS; empty = no CORS headers at all (the console is served same-origin). */
  corsOrigins: string[];
  /**
   * Addresses (or CIDR ranges) of the load balancers in front: requests through them are seen from
   * the client's address (X-Forwarded-For), so sign-in limits count per client, not per balancer.
   */
  trustProxy: string[];
  /**
   * Prefix of this console's Redis channels and keys (Socket.IO adapter, sign-in limits): consoles
   * sharing one Redis (training and live, or parallel test runs) must not hear each other.
   */
  redisKey: string;
  /**
   * Where coverage, standby and move-up searches run: 'worker' (a worker thread, default) or
   * 'inline' (the main thread: one process, one thread, e.g. for profiling).
   */
  planning: 'worker' | 'inline';
  /**
   * `json` (production: one JSON line per event, requests at info) or `pretty` (the interactive
   * `pnpm start`: readable lines, requests only at debug so the banner and warnings stand out).
   */
  logFormat: 'json' | 'pretty';
}

const DURATION = /^(\d+)\s*(ms|s|m|h|d)$/;
const DURATION_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** '12h', '30m', '365d' in milliseconds. */
export function durationMs(text: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) throw new Error(`expected a duration like 12h or 30m, got ${text}`);
  return Number(match[1]) * DURATION_MS[match[2] as keyof typeof DURATION_MS];
}

const list = (value: string | undefined, fallback: string[]) =>
  value === undefined
    ? fallback
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);

const between = (name: string, value: number, min: number, max: number) => {
  if (value < min || value > max) throw new Error(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
};

const int = (value: string | undefined, fallback: number) => {
  if (value === undefined || value === '') return fallback;
  const parsed = Number.parseInt(value, 10);
  if (!Number.isFinite(parsed)) throw new Error(`expected an integer, got ${value}`);
  return parsed;
};

/** A limit below `min` would refuse a valid request forever (5,000: the largest position batch). */
const atLeast = (name: string, value: number, min: number) => {
  if (value < min) throw new Error(`${name} must be at least ${min}, got ${value}`);
  return value;
};

const oneOf = <T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T => {
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new Error(`${name} must be one of ${allowed.join(', ')}, got ${value}`);
  return value as T;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const demo = env.DEMO === undefined ? !env.DATABASE_URL : env.DEMO === '1' || env.DEMO === 'true';
  const jwtSecret = env.JWT_SECRET ?? (demo ? 'demo-only-secret-change-me-0123456789' : '');
  if (!jwtSecret || jwtSecret.length < 32) {
    throw new Error('JWT_SECRET must be set (at least 32 characters) outside demo mode');
  }
  return {
    host: env.HOST ?? '127.0.0.1',
    port: int(env.PORT, 8110),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? '.data/pglite',
    jwtSecret,
    tokenTtl: env.TOKEN_TTL ?? '12h',
    demo,
    cityFile: demo && env.CITY_FILE ? env.CITY_FILE : undefined,
    redisUrl: env.REDIS_URL || undefined,
    timeZone: env.TIME_ZONE ?? 'Asia/Shanghai',
    webDist: env.WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname,
    logLevel: env.LOG_LEVEL ?? 'info',
    positionFlushMs: int(env.POSITION_FLUSH_MS, 250),
    positionMaxPending: atLeast('POSITION_MAX_PENDING', int(env.POSITION_MAX_PENDING, 50_000), 5_000),
    hotspotRebuildSeconds: between(
      'HOTSPOT_REBUILD_SECONDS',
      int(env.HOTSPOT_REBUILD_SECONDS, 300),
      5,
      86_400,
    ),
    loginMaxFailures: between('LOGIN_MAX_FAILURES', int(env.LOGIN_MAX_FAILURES, 5), 1, 5),
    loginLockoutMinutes: between('LOGIN_LOCKOUT_MINUTES', int(env.LOGIN_LOCKOUT_MINUTES, 15), 10, 24 * 60),
    loginRateLimitPerMinute: atLeast('LOGIN_RATE_LIMIT', int(env.LOGIN_RATE_LIMIT, 20), 1),
    loginRateAllowList: list(env.LOGIN_RATE_ALLOW, demo ? ['127.0.0.1', '::1', '::ffff:127.0.0.1'] : []),
    idleLockMinutes: between('IDLE_LOCK_MINUTES', int(env.IDLE_LOCK_MINUTES, 15), 1, 30),
    idleLockExemptRoles: list(env.IDLE_LOCK_EXEMPT_ROLES, ['unit']),
    deviceTokenTtl: env.DEVICE_TOKEN_TTL ?? '365d',
    totpRequired: env.TOTP_REQUIRED === '1' || env.TOTP_REQUIRED === 'true',
    corsOrigins: list(env.CORS_ORIGINS, []),
    trustProxy: list(env.TRUST_PROXY, []),
    redisKey: env.REDIS_KEY || 'dispatch',
    planning: oneOf('PLANNING', env.PLANNING, ['worker', 'inline'] as const, 'worker'),
    logFormat: oneOf('LOG_FORMAT', env.LOG_FORMAT, ['json', 'pretty'] as const, 'json'),
  };
}
