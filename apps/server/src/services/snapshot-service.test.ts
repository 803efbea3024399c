import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDto } from '@dispatch/contracts';
import { createHarness, type Harness } from '../test/app-harness.js';
import type { ServiceContext } from './context.js';
import { SnapshotService } from './snapshot-service.js';

describe(`unit terminals' snapshots (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let incident: IncidentDto;
  /** Queries the service under test made, by model and method. */
  const queries: string[] = [];
  let snapshots: SnapshotService;

  beforeAll(async () => {
    h = await createHarness();
    const unit = await h.db.prisma.unit.findFirstOrThrow({
      where: { kind: 'patrol_car', status: 'available' },
    });
    const res = await h.call('dispatcher', {
      method: 'POST',
      url: '/api/incidents',
      payload: {
        type: 'knife_attack',
        priority: 1,
        location: { lng: unit.lastLng, lat: unit.lastLat },
        address: 'snapshot test',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    incident = res.json<IncidentDto>();
    expect(incident.assignments.length).toBeGreaterThan(0);
    // The same service over a client that counts what it is asked.
    const prisma = h.db.prisma;
    const counting = new Proxy(prisma, {
      get(target, model: string) {
        const delegate = Reflect.get(target, model) as unknown;
        if (model !== 'unit' && model !== 'incident') return delegate;
        return new Proxy(delegate as object, {
          get(d, method: string) {
            const fn = Reflect.get(d, method) as unknown;
            if (typeof fn !== 'function') return fn;
            return (...args: unknown[]) => {
              queries.push(`${model}.${method}`);
              return (fn as (...a: unknown[]) => unknown).apply(d, args);
            };
          },
        });
      },
    });
    const { services } = h.app;
    const ctx: ServiceContext = { ...services.ctx, prisma: counting };
    snapshots = new SnapshotService(ctx, services.units, services.grids);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves terminals asking together from one build of two queries, each its own unit and incidents', async () => {
    const assigned = incident.assignments[0]!.unitId;
    const others = (
      await h.db.prisma.unit.findMany({
        where: { id: { not: assigned } },
        take: 30,
        orderBy: { callSign: 'asc' },
      })
    ).map((u) => u.id);
    queries.length = 0;
    const [mine, ...theirs] = await Promise.all(
      [assigned, ...others].map((id) => snapshots.buildForUnit(id)),
    );
    // Asked one by one this was two queries per terminal: a restart's 2,000 terminals made 4,000.
    expect(queries.sort()).toEqual(['incident.findMany', 'unit.findMany']);
    expect(mine!.units.map((u) => u.id)).toEqual([assigned]);
    expect(mine!.incidents.map((i) => i.id)).toEqual([incident.id]);
    theirs.forEach((s, i) => {
      expect(s.units.map((u) => u.id)).toEqual([others[i]]);
      expect(s.incidents.map((x) => x.id)).toEqual(
        incident.assignments.some((a) => a.unitId === others[i]) ? [incident.id] : [],
      );
    });
  });

  it('does not share a build that already started: a later terminal gets a build of its own', async () => {
    const [a, b] = (await h.db.prisma.unit.findMany({ take: 2, orderBy: { callSign: 'asc' } })).map(
      (u) => u.id,
    );
    queries.length = 0;
    const first = snapshots.buildForUnit(a!);
    await new Promise((resolve) => setImmediate(resolve));
    const second = snapshots.buildForUnit(b!);
    expect((await first).units[0]!.id).toBe(a);
    expect((await second).units[0]!.id).toBe(b);
    expect(queries).toHaveLength(4);
  });

  it('answers for a unit that does not exist with no unit', async () => {
    const s = await snapshots.buildForUnit('00000000-0000-0000-0000-000000000000');
    expect(s.units).toEqual([]);
    expect(s.incidents).toEqual([]);
  });
});
