import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageAlertDto, CoverageDto } from '@dispatch/contracts';
import type { OutgoingEvent } from './event-bus.js';
import { createHarness, type Harness } from '../test/app-harness.js';

describe(`live coverage (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('measures every grid within the 3- and 5-minute targets from the free units', async () => {
    const res = await h.call('dispatcher', { method: 'GET', url: '/api/coverage' });
    expect(res.statusCode, res.body).toBe(200);
    const coverage = res.json<CoverageDto>();
    const grids = await h.db.prisma.grid.count();
    expect(coverage.grids).toHaveLength(grids);
    expect(coverage.targetsSeconds).toEqual([180, 300]);
    expect(coverage.freeUnits).toBeGreaterThan(0);
    for (const g of coverage.grids) {
      expect(g.roadMeters).toBeGreaterThan(0);
      expect(g.roadShare3).toBeLessThanOrEqual(g.roadShare5);
      expect(g.demandShare5).toBeGreaterThanOrEqual(0);
      expect(g.demandShare5).toBeLessThanOrEqual(1);
    }
    // The demo city's fleet reaches most of its road within 5 minutes.
    const covered = coverage.grids.filter((g) => g.roadShare5 > 0.5).length;
    expect(covered).toBeGreaterThan(grids / 2);
    expect((await h.call('unit001', { method: 'GET', url: '/api/coverage' })).statusCode).toBe(403);
  });

  const setStatus = async (ids: readonly string[], status: string) => {
    for (let i = 0; i < ids.length; i += 10) {
      const replies = await Promise.all(
        ids
          .slice(i, i + 10)
          .map((id) =>
            h.call('dispatcher', { method: 'POST', url: `/api/units/${id}/status`, payload: { status } }),
          ),
      );
      for (const r of replies) expect(r.statusCode, r.body).toBe(200);
    }
  };

  it('with every free unit out of service covers nothing, raising one alert per grid across two nodes; clears each once', async () => {
    const other = await h.secondNode();
    const events: OutgoingEvent[] = [];
    const fromOther: string[] = [];
    for (const node of [h.app, other])
      node.services.bus.subscribe((e) => {
        if (e.name === 'coverage:alert' || e.name === 'coverage:cleared') events.push(e);
        if (node === other && e.name.startsWith('coverage:')) fromOther.push(e.name);
      });
    const both = () =>
      Promise.all([h.app.services.coverage.recompute(), other.services.coverage.recompute()]);
    const before = (await h.app.services.coverage.recompute())!;
    expect(before.grids.filter((g) => g.alerted)).toEqual([]);
    const free = await h.db.prisma.unit.findMany({ where: { status: { in: ['available', 'returning'] } } });
    await setStatus(
      free.map((u) => u.id),
      'out_of_service',
    );
    await both();
    const [mine] = await both();
    expect(mine!.freeUnits).toBe(0);
    for (const g of mine!.grids) {
      expect(g).toMatchObject({ roadShare5: 0, demandShare5: 0, level: 'uncovered', alerted: true });
    }
    const raised = events.filter((e) => e.name === 'coverage:alert');
    expect(raised).toHaveLength(before.grids.length);
    expect(new Set(raised.map((e) => (e.payload as CoverageAlertDto).gridId)).size).toBe(before.grids.length);
    expect(await h.db.prisma.coverageAlert.count({ where: { clearedAt: null } })).toBe(before.grids.length);
    const open = (await h.call('dispatcher', { method: 'GET', url: '/api/coverage/alerts' })).json<
      CoverageAlertDto[]
    >();
    expect(open).toHaveLength(before.grids.length);

    await setStatus(
      free.map((u) => u.id),
      'available',
    );
    await both();
    await both();
    const cleared = events.filter((e) => e.name === 'coverage:cleared');
    const restored = h.app.services.coverage.current()!;
    const stillAlerted = restored.grids.filter((g) => g.alerted).map((g) => g.gridId);
    expect(cleared).toHaveLength(before.grids.length - stillAlerted.length);
    expect(stillAlerted).toEqual(
      before.grids.filter((g) => g.demandShare5 < g.threshold + 0.05).map((g) => g.gridId),
    );
    expect(await h.db.prisma.coverageAlert.count({ where: { clearedAt: null } })).toBe(stillAlerted.length);
    // The first node took the lease with its first pass: the other computes but publishes nothing.
    expect(fromOther).toEqual([]);
    expect(other.services.coverage.current()!.grids).toHaveLength(before.grids.length);
  });

  it('uses a grid’s own threshold', async () => {
    const grid = await h.db.prisma.grid.findFirstOrThrow();
    const res = await h.call('supervisor', {
      method: 'PATCH',
      url: `/api/grids/${grid.id}`,
      payload: { coverageThreshold: 0.6 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const coverage = (await h.app.services.coverage.recompute())!;
    expect(coverage.grids.find((g) => g.gridId === grid.id)!.threshold).toBe(0.6);
  });

  it('refuses a threshold out of range', async () => {
    const grid = await h.db.prisma.grid.findFirstOrThrow();
    const res = await h.call('supervisor', {
      method: 'PATCH',
      url: `/api/grids/${grid.id}`,
      payload: { coverageThreshold: 7 },
    });
    expect(res.statusCode).toBe(400);
  });
});
