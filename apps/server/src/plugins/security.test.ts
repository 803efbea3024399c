import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { testConfig } from '../test/app-harness.js';
import { seedDemo } from '../demo/seed-demo.js';

const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';

// One app logging at the default level into memory, one with CORS configured.
describe(`security headers, CORS and log redaction (${engine})`, () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let withCors: FastifyInstance;
  const lines: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.prisma, { grids: 30, units: 100, scale: 0.25 });
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    app = await buildApp({
      config: testConfig({ logLevel: 'info' }),
      database: db,
      background: false,
      logger: { level: 'info', stream },
    });
    withCors = await buildApp({
      config: testConfig({ corsOrigins: ['https://console.example'] }),
      database: db,
      background: false,
      logger: false,
    });
    await Promise.all([app.ready(), withCors.ready()]);
  });
  afterAll(async () => {
    await app?.close();
    await withCors?.close();
    await db?.close();
  });

  it('sends security headers and a CSP that lets MapLibre start its blob: worker', async () => {
    for (const url of ['/api/health', '/api/incidents', '/wall']) {
      const res = await app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('answers no CORS unless origins are configured', async () => {
    const preflight = {
      method: 'OPTIONS' as const,
      url: '/api/incidents',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    };
    const plain = await app.inject(preflight);
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    const other = await withCors.inject(preflight);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await withCors.inject({
      ...preflight,
      headers: { ...preflight.headers, origin: 'https://console.example' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example');
  });

  it('writes no token, authorization header or password to the log at the default level', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dispatcher', password: 'dispatcher123' },
    });
    const { token } = login.json<{ token: string }>();
    await app.inject({ method: 'GET', url: `/wall?token=${token}` });
    await app.inject({
      method: 'GET',
      url: `/api/incidents?token=${token}`,
      headers: { authorization: `Bearer ${token}` },
    });
    app.log.info({ headers: { authorization: `Bearer ${token}` }, password: 'dispatcher123' }, 'probe');
    const text = lines.join('');
    expect(text).toContain('/wall?token=[redacted]');
    expect(text).toContain('probe');
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('.')[2]!);
    expect(text).not.toContain('dispatcher123');
  });
});
