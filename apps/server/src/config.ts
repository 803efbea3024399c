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
}

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
    redisUrl: env.REDIS_URL || undefined,
    timeZone: env.TIME_ZONE ?? 'Asia/Shanghai',
    webDist: env.WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname,
    logLevel: env.LOG_LEVEL ?? 'info',
    positionFlushMs: int(env.POSITION_FLUSH_MS, 250),
    positionMaxPending: atLeast('POSITION_MAX_PENDING', int(env.POSITION_MAX_PENDING, 50_000), 5_000),
  };
}
