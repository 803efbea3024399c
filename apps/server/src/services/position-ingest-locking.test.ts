/**
 * The flush must never wait for a unit row that a dispatch transaction holds: dispatch claims
 * units in plan order while the flush updated them in id order, and the two deadlocked under
 * load. Needs real PostgreSQL (PGlite is one connection: a held lock would block everything).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { EventBus } from './event-bus.js';
import { PositionIngest } from './position-ingest.js';

describe.skipIf(!process.env.DATABASE_URL)('position flush next to a dispatch holding unit rows', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.unit.createMany({
      data: ['A1', 'B1'].map((callSign) => ({ id: callSign.toLowerCase(), callSign, kind: 'patrol_car' })),
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('writes the free unit at once and the held one at the next flush', async () => {
    let now = Date.parse('2026-11-23T08:00:00Z');
    const ingest = new PositionIngest({
      runner: db.runner,
      bus: new EventBus(),
      now: () => now,
      unitExists: async () => true,
      flushMs: 1000,
    });
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`UPDATE unit SET status = 'assigned' WHERE id = 'b1'`);
      await ingest.report('a1', { lng: 120.1, lat: 30.1 });
      await ingest.report('b1', { lng: 120.2, lat: 30.2 });
      const flushed = ingest.flush();
      const outcome = await Promise.race([
        flushed.then(() => 'done'),
        new Promise((r) => setTimeout(() => r('blocked'), 3000)),
      ]);
      expect(outcome).toBe('done');
      const rows = async () =>
        (await db.prisma.unit.findMany({ orderBy: { id: 'asc' } })).map((u) => [u.id, u.lastLng]);
      expect(await rows()).toEqual([
        ['a1', 120.1],
        ['b1', null],
      ]);
      expect(await db.prisma.positionSample.count()).toBe(2);
      await holder.query('COMMIT');
      now += 1000;
      await ingest.report('a1', { lng: 120.11, lat: 30.1 });
      await ingest.flush();
      expect(await rows()).toEqual([
        ['a1', 120.11],
        ['b1', 120.2],
      ]);
      expect(await db.prisma.positionSample.count()).toBe(3);
    } finally {
      await holder.end();
    }
  });
});
