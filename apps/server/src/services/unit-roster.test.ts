import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UnitDto } from '@dispatch/contracts';
import { createHarness, type Harness } from '../test/app-harness.js';
import { SYSTEM_ACTOR } from './context.js';
import { UnitRoster } from './unit-roster.js';

describe(`unit roster (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let unitId: string;

  beforeAll(async () => {
    h = await createHarness();
    const unit = await h.db.prisma.unit.findFirstOrThrow({
      where: { kind: 'patrol_car', status: 'available' },
      orderBy: { callSign: 'asc' },
    });
    unitId = unit.id;
    // Seeded long ago: a poll then finds only rows whose change stamped updated_at.
    await h.db.runner.query(`UPDATE unit SET updated_at = now() - interval '1 hour'`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('holds every unit with its post range', async () => {
    const roster = await h.app.services.roster.all();
    expect(roster.size).toBe(await h.db.prisma.unit.count());
    const post = await h.db.prisma.unit.findFirstOrThrow({
      where: { postId: { not: null } },
      include: { post: true },
    });
    expect(roster.get(post.id)).toMatchObject({ kind: post.kind, postRangeMeters: post.post!.rangeMeters });
  });

  it("applies this node's changes at once, from their events", async () => {
    const roster = h.app.services.roster;
    await roster.all();
    const generation = roster.generation;
    await h.app.services.units.setStatus(unitId, 'off_duty', SYSTEM_ACTOR);
    // No read needed: the event already changed the entry.
    expect(roster.generation).toBeGreaterThan(generation);
    const row = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: unitId } });
    expect((await roster.all()).get(unitId)).toMatchObject({ status: 'off_duty', version: row.version });
    await h.app.services.units.setStatus(unitId, 'available', SYSTEM_ACTOR);
  });

  it("reads another node's changes, and never goes back to an older version", async () => {
    // A second roster stands for another server node that did not see the change's event.
    const other = new UnitRoster(h.app.services.ctx);
    const before = (await other.all()).get(unitId)!;
    await h.app.services.units.moveToGrid(
      unitId,
      (await h.db.prisma.grid.findFirstOrThrow({ where: { id: { not: before.currentGridId ?? '' } } })).id,
      SYSTEM_ACTOR,
    );
    const row = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: unitId } });
    // Not started: every read polls first, so the move is there.
    const seen = (await other.all()).get(unitId)!;
    expect(seen).toMatchObject({ currentGridId: row.currentGridId, version: row.version });

    // A change by a tool, straight in SQL, is found by the poll as well.
    await h.db.runner.query(
      `UPDATE unit SET status = 'out_of_service', version = version + 1, updated_at = now() WHERE id = $1`,
      [unitId],
    );
    expect((await other.all()).get(unitId)).toMatchObject({
      status: 'out_of_service',
      version: row.version + 1,
    });

    // A late event of the earlier version (the move) must not undo it.
    h.app.services.bus.publish([
      {
        name: 'unit:updated',
        payload: { ...(await unitDto(unitId)), status: 'available', version: row.version },
        internal: true,
      },
    ]);
    expect((await other.all()).get(unitId)?.status).toBe('out_of_service');
    await h.db.runner.query(`UPDATE unit SET status = 'available', version = version + 1 WHERE id = $1`, [
      unitId,
    ]);
  });

  it('serves from memory between background polls once started', async () => {
    const other = new UnitRoster(h.app.services.ctx);
    await other.all();
    other.start(60_000);
    try {
      await h.db.runner.query(
        `UPDATE unit SET status = 'off_duty', version = version + 1, updated_at = now() WHERE id = $1`,
        [unitId],
      );
      // Started: no read on the request path, so the change waits for the next poll...
      expect((await other.all()).get(unitId)?.status).toBe('available');
      await other.poll();
      expect((await other.all()).get(unitId)?.status).toBe('off_duty');
    } finally {
      other.stop();
      await h.db.runner.query(
        `UPDATE unit SET status = 'available', version = version + 1, updated_at = now() WHERE id = $1`,
        [unitId],
      );
    }
  });

  it('recovers from a failed full reload instead of failing every read after it', async () => {
    let down = false;
    const { ctx } = h.app.services;
    const prisma = new Proxy(ctx.prisma, {
      get(target, key) {
        if (key === '$queryRaw' && down) return () => Promise.reject(new Error('database down'));
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const roster = new UnitRoster({ ...ctx, prisma });
    const size = (await roster.all()).size;
    // Six minutes on: the next read is a full reload, and the database is down.
    const later = performance.now() + 6 * 60_000;
    const clock = vi.spyOn(performance, 'now').mockReturnValue(later);
    try {
      down = true;
      await expect(roster.all()).rejects.toThrow('database down');
      down = false;
      expect((await roster.all()).size).toBe(size);
    } finally {
      clock.mockRestore();
    }
  });

  async function unitDto(id: string) {
    const res = await h.call('dispatcher', { method: 'GET', url: '/api/units' });
    return res.json<UnitDto[]>().find((u) => u.id === id)!;
  }
});
