/**
 * The system under test, as in production: a fresh PostgreSQL database, the demo city seeded with
 * its unit logins and topped up to the requested number of units, and the real server (buildApp,
 * listening on a free port, background flushing and clock monitor on).
 */
import type { FastifyInstance } from 'fastify';
import { hash } from '@node-rs/argon2';
import { generateDemoCity, gridCodeAt, type DemoCity } from '@dispatch/demo-city';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { DEMO_UNIT_PASSWORD, seedDemo, unitUsername } from '../../src/demo/seed-demo.js';
import { createTestDatabase, type TestDatabase } from '../../src/test/test-database.js';
import type { WorkerUnit } from './load-worker.js';

/** generateDemoCity makes at most this many units; the rest are added beside them. */
const DEMO_CITY_MAX_UNITS = 1000;

export interface BenchServer {
  app: FastifyInstance;
  url: string;
  database: TestDatabase;
  city: DemoCity;
  units: WorkerUnit[];
  /** Bearer tokens from real logins. */
  adminToken: string;
  dispatcherToken: string;
  close(): Promise<void>;
}

async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export async function startBenchServer(options: {
  units: number;
  log?: (line: string) => void;
}): Promise<BenchServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = await createTestDatabase();
  log(`database: ${new URL(database.url ?? 'pglite://memory').pathname.slice(1)} (fresh)`);

  const cityOptions = { units: Math.min(options.units, DEMO_CITY_MAX_UNITS) };
  const summary = await seedDemo(database.prisma, cityOptions);
  const city = generateDemoCity(cityOptions);
  const extra = options.units - summary.units;
  if (extra > 0) await addUnits(database, city, extra, summary.units);
  log(
    `seeded: ${summary.grids} grids, ${summary.units} demo-city units + ${Math.max(0, extra)} added, ${summary.roadFeatures} road ways`,
  );

  const config = loadConfig({
    ...process.env,
    DATABASE_URL: database.url,
    DEMO: '1',
    PORT: '0',
    HOST: '127.0.0.1',
    // Per-request info logs would measure pino and the terminal; warnings still show.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    WEB_DIST: '/nonexistent',
  });
  const app = await buildApp({ config, database });
  await app.listen({ host: config.host, port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const [adminToken, dispatcherToken] = await Promise.all([
    login(url, 'admin', 'admin123'),
    login(url, 'dispatcher', 'dispatcher123'),
  ]);
  // One unit logs in for real; the others get the same token the login would issue (2,000 argon2
  // verifications would take minutes and are not what is measured).
  await login(url, unitUsername(0), DEMO_UNIT_PASSWORD);
  const users = await database.prisma.user.findMany({
    where: { role: 'unit' },
    include: { unit: { select: { id: true, kind: true, lastLng: true, lastLat: true } } },
    orderBy: { username: 'asc' },
  });
  const units: WorkerUnit[] = [];
  for (const u of users.filter((row) => row.unit)) {
    // Each terminal gets its own session, as a login would start.
    const session = await app.services.sessions.start(u);
    units.push({
      id: u.unit!.id,
      token: app.issueToken(u, session),
      kind: u.unit!.kind,
      lngLat: [u.unit!.lastLng ?? city.center[0], u.unit!.lastLat ?? city.center[1]],
    });
  }
  return {
    app,
    url,
    database,
    city,
    units,
    adminToken,
    dispatcherToken,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** More units beside the demo city's: copies of its kinds, each at a road vertex of the city. */
async function addUnits(database: TestDatabase, city: DemoCity, count: number, firstIndex: number) {
  const prisma = database.prisma;
  const [templates, grids] = await Promise.all([
    prisma.unit.findMany({ where: { postId: null }, orderBy: { callSign: 'asc' } }),
    prisma.grid.findMany({ select: { id: true, code: true } }),
  ]);
  const gridId = new Map(grids.map((g) => [g.code, g.id]));
  const vertices = city.roads.features.flatMap((f) => f.geometry.coordinates);
  let seed = 110;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const rows = Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length]!;
    const [lng, lat] = vertices[Math.floor(random() * vertices.length)]!;
    const grid = gridCodeAt(city, [lng!, lat!]);
    return {
      id: crypto.randomUUID(),
      callSign: `${template.callSign}-B${String(i + 1).padStart(4, '0')}`,
      kind: template.kind,
      status: 'available' as const,
      homeGridId: (grid && gridId.get(grid)) ?? template.homeGridId,
      currentGridId: (grid && gridId.get(grid)) ?? template.currentGridId,
      capabilities: template.capabilities ?? [],
      lastLng: lng!,
      lastLat: lat!,
      lastPositionAt: new Date(),
    };
  });
  await prisma.unit.createMany({ data: rows });
  const passwordHash = await hash(DEMO_UNIT_PASSWORD);
  await prisma.user.createMany({
    data: rows.map((unit, i) => ({
      username: unitUsername(firstIndex + i),
      passwordHash,
      displayName: unit.callSign,
      role: 'unit' as const,
      unitId: unit.id,
    })),
  });
}
