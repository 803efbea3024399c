import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { readMigrations, migrate } from './migrate.js';

// Runs against PostgreSQL when DATABASE_URL is set (CI), PGlite otherwise: the migrated database
// must accept, return and update every model the Prisma schema declares.
describe(`database (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('records every migration in _prisma_migrations and re-running applies nothing', async () => {
    const rows = await db.runner.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name');
    const files = readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(rows.map((r) => r.checksum)).toEqual(files.map((f) => f.checksum));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(await migrate(db.runner)).toEqual([]);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'survives the server ending a connection a transaction holds between statements (a restart)',
    async () => {
      let resume!: () => void;
      const paused = new Promise<void>((resolve) => (resume = resolve));
      const held = db.runner
        .transaction(async (tx) => {
          await tx.query('SELECT 1');
          await paused;
          await tx.query('SELECT 2');
        })
        .then(
          () => null,
          (error: unknown) => error,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      try {
        const killed = await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        expect(killed.rowCount).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      resume();
      expect(await held).toBeInstanceOf(Error);
      const [row] = await db.runner.query<{ ok: number }>('SELECT 1 AS ok');
      expect(row?.ok).toBe(1);
    },
  );

  it.skipIf(!process.env.DATABASE_URL)(
    'survives the server ending idle pooled connections (a restart, DROP DATABASE WITH FORCE)',
    async () => {
      // Idle clients report a server-ended connection on the pool; without a listener there it is
      // an uncaught exception that ends the process (CI saw it at every test file's teardown).
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        await Promise.all([1, 2, 3].map((n) => db.runner.query('SELECT $1::int AS n', [n])));
        let ended = 0;
        const admin = new pg.Client({ connectionString: db.url });
        await admin.connect();
        try {
          const killed = await admin.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'",
          );
          expect(killed.rowCount).toBeGreaterThan(0);
          ended = killed.rowCount ?? 0;
        } finally {
          await admin.end();
        }
        // Each ended idle connection is reported by the pool (which drops it), handled rather than
        // an uncaught exception. Until all are, the pool may still hand out one of them.
        await vi.waitFor(() =>
          expect(
            warn.mock.calls.filter(([m]) => String(m).includes('idle connection closed')).length,
          ).toBeGreaterThanOrEqual(ended),
        );
        const [row] = await db.runner.query<{ ok: number }>('SELECT 1 AS ok');
        expect(row?.ok).toBe(1);
      } finally {
        warn.mockRestore();
      }
    },
  );

  it('refuses a migration edited after it was applied', async () => {
    const files = readMigrations();
    const edited = files.map((f, i) => (i === 0 ? { ...f, checksum: 'x'.repeat(64) } : f));
    await expect(migrate(db.runner, edited)).rejects.toThrow(/checksum differs/);
  });

  it('creates, reads and updates every model', async () => {
    const { prisma } = db;
    const station = await prisma.station.create({ data: { code: 'S1', name: '湖滨派出所' } });
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [120.1, 30.2],
          [120.2, 30.2],
          [120.2, 30.3],
          [120.1, 30.3],
          [120.1, 30.2],
        ],
      ],
    };
    const grid = await prisma.grid.create({
      data: { code: 'G01', name: '湖滨网格', polygon, minStaffing: { patrol_car: 2 }, stationId: station.id },
    });
    const otherGrid = await prisma.grid.create({ data: { code: 'G02', name: '武林网格', polygon } });
    const post = await prisma.post.create({
      data: { code: 'P1', name: '湖滨警务站', kind: 'street_post', lng: 120.15, lat: 30.25, gridId: grid.id },
    });
    const unit = await prisma.unit.create({
      data: {
        callSign: '湖滨-巡01',
        kind: 'patrol_car',
        homeGridId: grid.id,
        currentGridId: grid.id,
        capabilities: ['armed'],
        lastLng: 120.15,
        lastLat: 30.25,
        lastPositionAt: new Date('2026-11-23T08:00:00Z'),
      },
    });
    const postUnit = await prisma.unit.create({
      data: { callSign: '湖滨-岗01', kind: 'post', postId: post.id, homeGridId: grid.id },
    });
    const user = await prisma.user.create({
      data: { username: 'unit01', passwordHash: 'hash', role: 'unit', unitId: unit.id },
    });
    const incident = await prisma.incident.create({
      data: {
        number: '110-20261123-0001',
        type: 'knife_attack',
        priority: 1,
        lng: 120.16,
        lat: 30.26,
        address: '解放路 12 号',
        gridId: grid.id,
        requiredUnits: 3,
        receivedAt: new Date('2026-11-23T08:00:00.123Z'),
        createdById: user.id,
      },
    });
    const assignment = await prisma.assignment.create({
      data: {
        incidentId: incident.id,
        unitId: unit.id,
        role: 'primary',
        tier: 1,
        etaSeconds: 140,
        distanceMeters: 1800,
        etaMethod: 'road',
        assignedAt: new Date('2026-11-23T08:00:30Z'),
      },
    });
    const sample = await prisma.positionSample.create({
      data: {
        unitId: unit.id,
        at: new Date('2026-11-23T08:00:01Z'),
        lng: 120.151,
        lat: 30.251,
        speedMps: 9.5,
      },
    });
    const audit = await prisma.auditEvent.create({
      data: {
        actorId: user.id,
        actorName: 'unit01',
        action: 'incident.create',
        entityType: 'incident',
        entityId: incident.id,
        after: { status: 'received' },
      },
    });
    await prisma.responsePlan.create({
      data: { incidentType: 'dispute', priority: 0, plan: { tiers: [{ count: 1 }] } },
    });
    await prisma.incidentSequence.create({ data: { day: '20261123', last: 1 } });
    await prisma.roadNetwork.create({
      data: { name: 'demo', geojson: { type: 'FeatureCollection', features: [] }, nodeCount: 0 },
    });
    await prisma.setting.create({ data: { key: 'clock.targets', value: { dispatchSeconds: 60 } } });
    await prisma.basemapLayer.create({
      data: { layer: 'water', geojson: { type: 'FeatureCollection', features: [] }, source: 'demo' },
    });
    await prisma.gazetteerPlace.create({
      data: {
        source: 'standard',
        sourceId: 'SA-1',
        kind: 'standard_address',
        name: '实验小学',
        aliases: ['实小', '一小'],
        lng: 120.1,
        lat: 30.2,
        keyPlace: 'school',
      },
    });
    await prisma.callRecord.create({
      data: {
        id: '00000000-0000-4000-8000-00000000c411',
        incidentId: incident.id,
        callerPhone: '13800000000',
        receivedAt: new Date('2026-11-23T08:01:00.000Z'),
      },
    });

    // Read back with relations: every field survives the round trip.
    const readIncident = await prisma.incident.findUniqueOrThrow({
      where: { id: incident.id },
      include: { assignments: { include: { unit: true } }, grid: { include: { station: true } } },
    });
    expect(readIncident.receivedAt.toISOString()).toBe('2026-11-23T08:00:00.123Z');
    expect(readIncident.grid?.station?.name).toBe('湖滨派出所');
    expect(readIncident.assignments[0]?.unit.callSign).toBe('湖滨-巡01');
    expect(readIncident.assignments[0]?.status).toBe('assigned');
    expect((await prisma.grid.findUniqueOrThrow({ where: { id: grid.id } })).minStaffing).toEqual({
      patrol_car: 2,
    });
    expect((await prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).capabilities).toEqual(['armed']);
    expect(
      (await prisma.unit.findUniqueOrThrow({ where: { id: postUnit.id }, include: { post: true } })).post
        ?.kind,
    ).toBe('street_post');
    expect(typeof sample.id).toBe('bigint');
    expect((await prisma.auditEvent.findUniqueOrThrow({ where: { id: audit.id } })).after).toEqual({
      status: 'received',
    });
    expect(
      (await prisma.user.findUniqueOrThrow({ where: { username: 'unit01' }, include: { unit: true } })).unit
        ?.id,
    ).toBe(unit.id);
    expect((await prisma.responsePlan.findFirstOrThrow({ where: { incidentType: 'dispute' } })).plan).toEqual(
      {
        tiers: [{ count: 1 }],
      },
    );
    expect((await prisma.roadNetwork.findFirstOrThrow()).name).toBe('demo');
    expect(await prisma.basemapLayer.findUniqueOrThrow({ where: { layer: 'water' } })).toMatchObject({
      source: 'demo',
      featureCount: 0,
    });
    expect(
      await prisma.gazetteerPlace.findUniqueOrThrow({
        where: { source_sourceId: { source: 'standard', sourceId: 'SA-1' } },
      }),
    ).toMatchObject({ aliases: ['实小', '一小'], keyPlace: 'school', address: null });
    expect(
      await prisma.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { callRecords: true } }),
    ).toMatchObject({ callerCount: 1, callRecords: [{ callerPhone: '13800000000', notes: '' }] });
    expect((await prisma.setting.findUniqueOrThrow({ where: { key: 'clock.targets' } })).value).toEqual({
      dispatchSeconds: 60,
    });

    // Updates.
    await prisma.station.update({ where: { id: station.id }, data: { name: '新湖滨派出所' } });
    await prisma.grid.update({
      where: { id: grid.id },
      data: { minStaffing: { patrol_car: 3 }, version: { increment: 1 } },
    });
    await prisma.post.update({ where: { id: post.id }, data: { rangeMeters: 1000 } });
    const moved = await prisma.unit.update({
      where: { id: unit.id },
      data: { currentGridId: otherGrid.id, status: 'en_route', version: { increment: 1 } },
    });
    expect(moved).toMatchObject({ currentGridId: otherGrid.id, status: 'en_route', version: 1 });
    await prisma.assignment.update({
      where: { id: assignment.id },
      data: { status: 'en_route', enRouteAt: new Date() },
    });
    const updated = await prisma.incident.update({
      where: { id: incident.id },
      data: { status: 'dispatched', firstDispatchedAt: new Date('2026-11-23T08:00:30Z') },
    });
    expect(updated.status).toBe('dispatched');
    await prisma.positionSample.update({ where: { id: sample.id }, data: { headingDeg: 90 } });
    await prisma.auditEvent.update({ where: { id: audit.id }, data: { before: { status: null } } });
    await prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
    const session = await prisma.session.create({
      data: {
        userId: user.id,
        kind: 'device',
        label: 'wall',
        idleLock: false,
        expiresAt: new Date('2027-11-23T08:00:00Z'),
      },
    });
    await prisma.user.update({
      where: { id: user.id },
      data: {
        failedLogins: 5,
        lockedUntil: new Date('2026-11-23T08:10:00Z'),
        totpSecret: 'JBSWY3DPEHPK3PXP',
      },
    });
    await prisma.session.update({
      where: { id: session.id },
      data: { endedAt: new Date(), endedReason: 'admin' },
    });
    expect(
      await prisma.session.findUniqueOrThrow({ where: { id: session.id }, include: { user: true } }),
    ).toMatchObject({
      kind: 'device',
      idleLock: false,
      endedReason: 'admin',
      user: { failedLogins: 5, totpSecret: 'JBSWY3DPEHPK3PXP' },
    });
    await prisma.responsePlan.updateMany({
      where: { incidentType: 'dispute' },
      data: { plan: { tiers: [] } },
    });
    const seq = await prisma.incidentSequence.update({
      where: { day: '20261123' },
      data: { last: { increment: 1 } },
    });
    expect(seq.last).toBe(2);
    await prisma.roadNetwork.updateMany({ data: { active: false } });
    await prisma.setting.update({
      where: { key: 'clock.targets' },
      data: { value: { dispatchSeconds: 90 } },
    });
    expect((await prisma.station.findUniqueOrThrow({ where: { id: station.id } })).name).toBe('新湖滨派出所');
    expect((await prisma.positionSample.findUniqueOrThrow({ where: { id: sample.id } })).headingDeg).toBe(90);
  });

  it('refuses a second active assignment for one unit, and allows one after clearing', async () => {
    const { prisma } = db;
    const grid = await prisma.grid.create({ data: { code: 'G90', name: 'x', polygon: {} } });
    const unit = await prisma.unit.create({
      data: { callSign: 'T-01', kind: 'motorcycle', homeGridId: grid.id },
    });
    const mk = (n: number) =>
      prisma.incident.create({
        data: {
          number: `110-20261123-9${n}`,
          type: 'fight',
          priority: 2,
          lng: 120,
          lat: 30,
          receivedAt: new Date(),
        },
      });
    const [a, b, c] = [await mk(1), await mk(2), await mk(3)];
    const first = await prisma.assignment.create({
      data: { incidentId: a.id, unitId: unit.id, assignedAt: new Date() },
    });
    await expect(
      prisma.assignment.create({ data: { incidentId: b.id, unitId: unit.id, assignedAt: new Date() } }),
    ).rejects.toMatchObject({ code: 'P2002' });
    // An active assignment in another state is still active.
    await prisma.assignment.update({ where: { id: first.id }, data: { status: 'on_scene' } });
    await expect(
      prisma.assignment.create({ data: { incidentId: c.id, unitId: unit.id, assignedAt: new Date() } }),
    ).rejects.toMatchObject({ code: 'P2002' });
    expect(await prisma.assignment.count({ where: { unitId: unit.id } })).toBe(1);
    await prisma.assignment.update({
      where: { id: first.id },
      data: { status: 'cleared', clearedAt: new Date() },
    });
    await prisma.assignment.create({ data: { incidentId: b.id, unitId: unit.id, assignedAt: new Date() } });
    expect(await prisma.assignment.count({ where: { unitId: unit.id } })).toBe(2);
  });
  it('round-trips a move-up recommendation; one pending per unit and one set per trigger', async () => {
    const { prisma } = db;
    const row = (unitId: string, rank: number, triggerKey = 'k1') => ({
      unitId,
      fromLng: 120.1,
      fromLat: 30.2,
      fromGridId: null,
      siteLng: 120.11,
      siteLat: 30.21,
      siteGridId: null,
      gainShare5: 0.032,
      gainShare3: -0.004,
      travelSeconds: 140,
      triggerKind: 'dispatch',
      triggerUnitIds: ['u-gone', 'u-gone-2'],
      triggerIncidentIds: [],
      triggerKey,
      rank,
      createdAt: new Date('2026-12-07T08:00:00.123Z'),
      expiresAt: new Date('2026-12-07T08:10:00.123Z'),
    });
    const made = await prisma.moveUpRecommendation.create({ data: row('u1', 0) });
    expect(await prisma.moveUpRecommendation.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({
      ...row('u1', 0),
      status: 'pending',
      endReason: null,
      decidedAt: null,
    });
    await expect(prisma.moveUpRecommendation.create({ data: row('u1', 1) })).rejects.toMatchObject({
      code: 'P2002',
    });
    await expect(prisma.moveUpRecommendation.create({ data: row('u2', 0) })).rejects.toMatchObject({
      code: 'P2002',
    });
    await prisma.moveUpRecommendation.update({
      where: { id: made.id },
      data: { status: 'accepted', decidedAt: new Date(), decidedById: 'x', standbyOrderId: 'o1' },
    });
    await prisma.moveUpRecommendation.create({ data: row('u1', 0, 'k2') });
    expect(await prisma.moveUpRecommendation.count({ where: { unitId: 'u1' } })).toBe(2);
  });
});
