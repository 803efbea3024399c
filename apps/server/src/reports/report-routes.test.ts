import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseTimeReport } from '@dispatch/contracts';
import type { Role } from '@dispatch/domain';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { csvField } from './export.js';
import { makeFixture, writeFixture } from './report-fixtures.js';

const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const AS_OF = Date.parse('2026-03-08T00:00:00+08:00');
const RANGE = 'from=2026-03-01T00:00:00%2B08:00&to=2026-03-08T00:00:00%2B08:00';

describe(`report routes (${engine})`, () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  // A stored user and an open session per role: tokens are honoured only with both.
  const tokens = new Map<Role, string>();
  const token = async (role: Role) => {
    const cached = tokens.get(role);
    if (cached) return cached;
    const user = await db.prisma.user.upsert({
      where: { username: `report-${role}` },
      update: {},
      create: { username: `report-${role}`, passwordHash: 'x', role },
    });
    const signed = app.issueToken(user, await app.services.sessions.start(user));
    tokens.set(role, signed);
    return signed;
  };
  const get = async (url: string, role: Role = 'shift_leader') =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${await token(role)}` } });

  beforeAll(async () => {
    db = await createTestDatabase();
    await writeFixture(
      db.runner,
      makeFixture({
        seed: 7,
        start: Date.parse('2026-02-20T00:00:00+08:00'),
        end: AS_OF,
        count: 300,
        asOf: AS_OF,
      }),
    );
    app = await buildApp({
      config: { ...loadConfig({ DEMO: '1' }), databaseUrl: db.url },
      database: db,
      now: () => AS_OF,
      background: false,
      logger: false,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('returns the report to shift leaders and refuses roles without report.read', async () => {
    const res = await get(`/api/reports/response-times?${RANGE}&limit=5`);
    expect(res.statusCode).toBe(200);
    const report = res.json<ResponseTimeReport>();
    expect(report.timeZone).toBe('Asia/Shanghai');
    expect(report.asOf).toBe(new Date(AS_OF).toISOString());
    expect(report.current.counts.incidents).toBeGreaterThan(50);
    expect(report.slowest).toHaveLength(5);
    expect(report.byDay.map((d) => d.day)).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
    ]);
    expect((await get(`/api/reports/response-times?${RANGE}`, 'unit')).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'GET', url: `/api/reports/response-times?${RANGE}` })).statusCode,
    ).toBe(401);
  });

  it.each([
    ['from=yesterday&to=2026-03-08T00:00:00Z', 'querystring.from'],
    ['from=2026-03-01T00:00:00Z', 'querystring.to'],
    ['from=2026-03-08T00:00:00Z&to=2026-03-01T00:00:00Z', 'querystring.to'],
    ['from=2024-01-01T00:00:00Z&to=2026-03-01T00:00:00Z', 'querystring.to'],
    [`${RANGE}&priority=9`, 'querystring.priority'],
    [`${RANGE}&type=alien`, 'querystring.type'],
    [`${RANGE}&shift=afternoon`, 'querystring.shift'],
    [`${RANGE}&bogus=1`, 'querystring.bogus'],
  ])('rejects %s naming %s', async (query, field) => {
    const res = await get(`/api/reports/response-times?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('filters by a configured shift and stores validated shift definitions', async () => {
    const night = await get(`/api/reports/response-times?${RANGE}&shift=night`);
    expect(night.statusCode).toBe(200);
    expect(night.json<ResponseTimeReport>().filters.shift).toMatchObject({ id: 'night', start: '20:00' });

    const put = async (body: unknown, role: Role = 'shift_leader') =>
      app.inject({
        method: 'PUT',
        url: '/api/reports/shifts',
        headers: { authorization: `Bearer ${await token(role)}` },
        payload: body as object,
      });
    const shifts = [
      { id: 'a', name: 'A', start: '07:00', end: '15:00' },
      { id: 'b', name: 'B', start: '15:00', end: '23:00' },
      { id: 'c', name: 'C', start: '23:00', end: '07:00' },
    ];
    expect((await put([{ id: 'x', name: 'X', start: '25:00', end: '08:00' }])).json().error.field).toBe(
      'body.0.start',
    );
    expect((await put([shifts[0], { ...shifts[1], id: 'a' }])).json().error.field).toBe('body.1.id');
    expect((await put([{ ...shifts[0], end: '07:00' }])).json().error.field).toBe('body.0.end');
    expect((await put(shifts, 'supervisor')).statusCode).toBe(403);
    const ok = await put(shifts);
    expect(ok.statusCode).toBe(200);
    expect((await get('/api/reports/shifts')).json()).toEqual(shifts);
    expect((await get(`/api/reports/response-times?${RANGE}&shift=night`)).statusCode).toBe(400);
    expect((await get(`/api/reports/response-times?${RANGE}&shift=c`)).statusCode).toBe(200);
  });

  it('exports CSV with a BOM and proper quoting', async () => {
    const res = await get(`/api/reports/response-times/export?format=csv&lang=zh-CN&${RANGE}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    // Named for the centre's days of the period (03-01..03-07 local), not the UTC day before.
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="response-times-2026-03-01_2026-03-07.csv"',
    );
    const body = res.rawPayload;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString('utf8');
    expect(text).toContain('各环节用时(秒)');
    // Types by name, as on screen, never raw keys.
    expect(text).not.toMatch(/knife_attack|traffic_accident|help_request|,theft,|,fight,/);
    expect(text).toMatch(/盗窃|打架斗殴|纠纷|持刀伤人/);
    expect(text).toContain('\r\n');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(null)).toBe('');
    expect(csvField(-1.5)).toBe('-1.5');
  });

  it('exports Excel that reads back with the same figures as the JSON report', async () => {
    const json = (await get(`/api/reports/response-times?${RANGE}&limit=10`)).json<ResponseTimeReport>();
    const res = await get(`/api/reports/response-times/export?format=xlsx&lang=en&limit=10&${RANGE}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Report',
      'Counts',
      'Segments (seconds)',
      'Targets met',
      'On-scene resolution by type',
      'By day',
      'By hour of day',
      'Slowest incidents',
    ]);
    const counts = workbook.getWorksheet('Counts')!;
    expect(counts.getRow(2).values).toEqual([
      undefined,
      'Incidents',
      json.current.counts.incidents,
      json.previous.counts.incidents,
      json.deltas.incidents,
    ]);
    const segments = workbook.getWorksheet('Segments (seconds)')!;
    const callToOnScene = segments.getRow(5).values as unknown[];
    expect(callToOnScene[1]).toBe('Call → on scene');
    expect(callToOnScene[2]).toBe(json.current.segments.callToOnScene.n);
    expect(callToOnScene[3]).toBeCloseTo(json.current.segments.callToOnScene.median!, 3);
    expect(callToOnScene[4]).toBeCloseTo(json.current.segments.callToOnScene.p90!, 3);
    const shares = workbook.getWorksheet('Targets met')!;
    expect(shares.getRow(2).getCell(3).value).toBe(json.current.shares.dispatch.met);
    expect(shares.getRow(2).getCell(5).value).toBeCloseTo(json.current.shares.dispatch.share!, 6);
    expect(shares.getColumn(5).numFmt).toBe('0.0%');
    const slowest = workbook.getWorksheet('Slowest incidents')!;
    expect(slowest.rowCount).toBe(11);
    expect(slowest.getRow(2).getCell(1).value).toBe(json.slowest[0]!.number);
  });
});
