/**
 * Integration-test harness: a fresh migrated database (PostgreSQL when DATABASE_URL is set,
 * in-memory PGlite otherwise) seeded once with a small deterministic demo city, an app built on
 * it with a controllable clock, and helpers to log in per role and call the API.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import type { ServerConfig } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { seedDemo } from '../demo/seed-demo.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_JWT_SECRET = 'test-only-secret-0123456789-abcdefghij';

/** Demo logins (see src/demo/seed-demo.ts); unit logins are unit001... with `unit123`. */
export const PASSWORDS: Record<string, string> = {
  admin: 'admin123',
  dispatcher: 'dispatcher123',
  dispatcher2: 'dispatcher123',
  leader: 'leader123',
  supervisor: 'supervisor123',
};

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    databaseUrl: undefined,
    dataDir: 'memory://',
    jwtSecret: TEST_JWT_SECRET,
    tokenTtl: '1h',
    demo: false,
    cityFile: undefined,
    redisUrl: undefined,
    timeZone: 'Asia/Shanghai',
    webDist: '/nonexistent-web-dist',
    logLevel: 'silent',
    positionFlushMs: 50,
    positionMaxPending: 50_000,
    hotspotRebuildSeconds: 300,
    loginMaxFailures: 5,
    loginLockoutMinutes: 15,
    loginRateAllowList: [],
    // The harness signs in many users from one address; the rate-limit test sets its own.
    loginRateLimitPerMinute: 10_000,
    idleLockMinutes: 15,
    idleLockExemptRoles: ['unit'],
    deviceTokenTtl: '365d',
    totpRequired: false,
    corsOrigins: [],
    trustProxy: [],
    // Each harness its own channels: test files run in parallel on one Redis.
    redisKey: `test-${randomUUID()}`,
    // The real worker thread: services are tested as they run.
    planning: 'worker',
    logFormat: 'json',
    ...overrides,
  };
}

/** A clock the test moves by hand; starts at the real time so stored rows look current. */
export class TestClock {
  constructor(public ms: number = Date.now()) {}
  readonly now = (): number => this.ms;
  advance(ms: number): number {
    this.ms += ms;
    return this.ms;
  }
}

export interface Session {
  token: string;
  userId: string;
  unitId: string | null;
}

export interface Harness {
  app: FastifyInstance;
  db: TestDatabase;
  clock: TestClock;
  /** Logs in once per username and caches the session. */
  login(username: string): Promise<Session>;
  /** `app.inject` with the user's bearer token (username, or null for none). */
  call(username: string | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Row counts of the tables a write could touch, to prove a refused request wrote nothing. */
  counts(): Promise<Record<string, number>>;
  /** Count and content hash of every table, to prove a refused request changed no row at all. */
  digest(): Promise<Record<string, string>>;
  /** Builds another app ("server node") on the same database; closed with the harness. */
  secondNode(options?: { background?: boolean }): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Background loops (clock monitor, position flush/broadcast timers); default false. */
  background?: boolean;
  config?: Partial<ServerConfig>;
}

const COUNTED_TABLES = [
  'incident',
  'assignment',
  'audit_event',
  'unit',
  'grid',
  'station',
  'position_sample',
  'clock_breach',
  'setting',
  'response_plan',
  'incident_sequence',
  'post',
  'app_user',
  'road_network',
  'standby_order',
  'coverage_alert',
  'move_up_recommendation',
  'gazetteer_place',
  'call_record',
];

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db = await createTestDatabase();
  await seedDemo(db.prisma, { grids: 30, units: 100, scale: 0.25 });
  const clock = new TestClock();
  const config = testConfig(options.config);
  const background = options.background ?? false;
  const app = await buildApp({
    config,
    database: db,
    now: clock.now,
    background,
    logger: false,
    strictEvents: true,
  });
  await app.ready();
  const extra: { app: FastifyInstance; database: Database | null }[] = [];
  const sessions = new Map<string, Session>();

  const login = async (username: string): Promise<Session> => {
    const cached = sessions.get(username);
    if (cached) return cached;
    const password = PASSWORDS[username] ?? 'unit123';
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const body = res.json<{ token: string; user: { id: string; unitId: string | null } }>();
    const session = { token: body.token, userId: body.user.id, unitId: body.user.unitId };
    sessions.set(username, session);
    return session;
  };

  const call = async (username: string | null, request: InjectOptions) => {
    const headers = { ...(request.headers ?? {}) };
    if (username) headers.authorization = `Bearer ${(await login(username)).token}`;
    return app.inject({ ...request, headers });
  };

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      const [row] = await db.runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      out[table] = Number(row?.n ?? 0);
    }
    return out;
  };

  const digest = async () => {
    const out: Record<string, string> = {};
    for (const table of COUNTED_TABLES) {
      const [row] = await db.runner.query<{ n: number; h: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`,
      );
      out[table] = `${Number(row?.n ?? 0)} ${row?.h ?? ''}`;
    }
    return out;
  };

  const secondNode = async (nodeOptions: { background?: boolean } = {}) => {
    // On PostgreSQL a second node has its own connection pool; PGlite is one process, so shared.
    const database = db.url ? await openDatabase({ databaseUrl: db.url, migrate: false }) : null;
    const node = await buildApp({
      config,
      database: database ?? db,
      now: clock.now,
      background: nodeOptions.background ?? false,
      logger: false,
      strictEvents: true,
    });
    await node.ready();
    extra.push({ app: node, database });
    return node;
  };

  const close = async () => {
    for (const e of extra) {
      await e.app.close();
      await e.database?.close();
    }
    await app.close();
    await db.close();
  };

  return { app, db, clock, login, call, counts, digest, secondNode, close };
}

/** A free patrol car with a position that is none of `excluded` (a unit ranked far from a spot). */
export function freePatrolCarBesides(db: Database, excluded: readonly string[]) {
  return db.prisma.unit.findFirstOrThrow({
    where: { kind: 'patrol_car', status: 'available', id: { notIn: [...excluded] }, lastLng: { not: null } },
  });
}

/** A unit row the tests can pick by status/kind, with its login. */
export async function unitLogins(db: Database): Promise<Map<string, string>> {
  const users = await db.prisma.user.findMany({
    where: { role: 'unit' },
    select: { username: true, unitId: true },
  });
  return new Map(users.filter((u) => u.unitId).map((u) => [u.unitId as string, u.username]));
}

/** The `{error}` body of a refused request. */
export interface ErrorReply {
  error: { code: string; message: string; field?: string; details?: Record<string, unknown> };
}

/** Asserts status and error code (and the named field for 400s); returns the error. */
export function errorOf(
  res: LightMyRequestResponse,
  status: number,
  code: string,
  field?: string,
): ErrorReply['error'] {
  const body = res.json<ErrorReply>();
  if (res.statusCode !== status || body.error?.code !== code || (field && body.error.field !== field)) {
    throw new Error(
      `expected ${status} ${code}${field ? ` (${field})` : ''}, got ${res.statusCode} ${res.body.slice(0, 400)}`,
    );
  }
  return body.error;
}
