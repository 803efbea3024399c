import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitPositionsEvent } from '@dispatch/contracts';
import { createHarness, unitLogins, type Harness } from '../test/app-harness.js';

// Position batches to the wall are volatile (a busy wall skips one): every few seconds a batch
// carries every unit heard from, and a recovered wall is sent positions not yet written too.
describe(`position batches (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let units: string[];

  beforeAll(async () => {
    h = await createHarness(); // no timers: the test broadcasts and flushes by hand
    units = [...(await unitLogins(h.db)).keys()].slice(0, 3);
  });
  afterAll(async () => {
    await h?.close();
  });

  const report = async (unitId: string, lng: number) => {
    const res = await h.call('admin', {
      method: 'POST',
      url: `/api/units/${unitId}/position`,
      payload: { lng, lat: 30.25, at: new Date(h.clock.ms).toISOString() },
    });
    expect(res.statusCode, res.body).toBe(202);
  };
  const nextBatch = () => {
    const batches: UnitPositionsEvent[] = [];
    const off = h.app.services.bus.subscribe((e) => {
      if (e.name === 'unit:positions') batches.push(e.payload as UnitPositionsEvent);
    });
    h.app.services.positions.broadcast();
    off();
    return batches.map((b) => b.positions.map((p) => p.id).sort());
  };

  it('sends the units that reported since the last batch, and every unit heard from every 10 s', async () => {
    const [a, b, c] = units as [string, string, string];
    await report(a, 120.1);
    await report(b, 120.2);
    expect(nextBatch()).toEqual([[a, b].sort()]); // the first batch is a full one
    await report(a, 120.11);
    expect(nextBatch()).toEqual([[a]]);
    h.clock.advance(5_000);
    expect(nextBatch()).toEqual([]); // nothing new, no full batch due: nothing sent
    await report(c, 120.3);
    h.clock.advance(5_000);
    expect(nextBatch()).toEqual([[a, b, c].sort()]); // a wall that missed b catches up here
  });

  it('gives a recovered wall positions heard but not yet written, newer than the stored ones', async () => {
    const [a] = units as [string];
    h.clock.advance(1_000);
    await report(a, 120.4567);
    const stored = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: a } });
    expect(stored.lastLng).not.toBe(120.4567); // not flushed
    const { positions } = await h.app.services.snapshots.positions();
    expect(positions.find((p) => p.id === a)?.lngLat).toEqual([120.4567, 30.25]);
    expect(positions).toHaveLength(
      await h.db.prisma.unit.count({ where: { lastPositionAt: { not: null } } }),
    );
    await h.app.services.positions.flush();
  });
});
