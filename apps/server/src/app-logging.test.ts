import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { testConfig } from './test/app-harness.js';
import { createTestDatabase, type TestDatabase } from './test/test-database.js';

interface Line {
  level: number;
  msg: string;
  req?: { url: string };
  res?: { statusCode: number };
}

// The interactive start (LOG_FORMAT=pretty) keeps request lines out of the way at debug;
// production (json) logs one per request at info.
describe('request logging by log format', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  const requestLines = async (logFormat: 'json' | 'pretty', level: string): Promise<Line[]> => {
    const lines: Line[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Line);
        done();
      },
    });
    const app = await buildApp({
      config: testConfig({ logFormat, logLevel: level }),
      database: db,
      background: false,
      logger: { level, stream },
    });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/nothing-here' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
    return lines.filter((l) => l.msg === 'request completed' || l.msg === 'incoming request');
  };

  it('json: each request and its answer at info, with URL and status', async () => {
    const lines = await requestLines('json', 'info');
    expect(lines.map((l) => [l.level, l.msg, l.req?.url ?? l.res?.statusCode])).toEqual([
      [30, 'incoming request', '/api/health'],
      [30, 'request completed', 200],
      [30, 'incoming request', '/api/nothing-here'],
      [30, 'request completed', 404],
    ]);
  });

  it('pretty: no request line at info; at debug they are there', async () => {
    expect(await requestLines('pretty', 'info')).toEqual([]);
    expect(
      (await requestLines('pretty', 'debug')).map((l) => [l.level, l.req?.url ?? l.res?.statusCode]),
    ).toEqual([
      [20, '/api/health'],
      [20, 200],
      [20, '/api/nothing-here'],
      [20, 404],
    ]);
  });
});
