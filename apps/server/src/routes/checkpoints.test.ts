import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type {
  ActiveCheckpointDto,
  CheckpointDispatchDto,
  CheckpointPlanDto,
  IncidentDto,
} from '@dispatch/contracts';
import { exitEdges, haversineMeters } from '@dispatch/routing';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { seedDemo } from '../demo/seed-demo.js';
import { CheckpointService } from '../services/checkpoint-service.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';

interface ErrorReply {
  error: { code: string; message: string; field?: string; details?: Record<string, unknown> };
}

describe(`checkpoints (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  const tokens = new Map<string, string>();
  /** A patrol car's position: on the road network, inside the city. */
  let here: { lng: number; lat: number };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.prisma, { grids: 30, units: 100 });
    app = await buildApp({
      config: loadConfig({ ...process.env, DEMO: '1', LOG_LEVEL: 'silent' }),
      database: db,
      logger: false,
      background: false,
    });
    await app.ready();
    for (const [username, password] of [
      ['dispatcher', 'dispatcher123'],
      ['supervisor', 'supervisor123'],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      tokens.set(username, res.json<{ token: string }>().token);
    }
    const car = await db.prisma.unit.findFirstOrThrow({
      where: { kind: 'patrol_car', status: 'available' },
      orderBy: { callSign: 'asc' },
    });
    here = { lng: car.lastLng!, lat: car.lastLat! };
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const call = (options: InjectOptions, username = 'dispatcher') =>
    app.inject({ ...options, headers: { authorization: `Bearer ${tokens.get(username)}` } });
  const errorOf = (res: { statusCode: number; json: <T>() => T }) => res.json<ErrorReply>().error;

  const createIncident = async (type = 'robbery', at = here) => {
    const res = await call({
      method: 'POST',
      url: '/api/incidents',
      payload: { type, priority: 1, location: at, autoDispatch: false },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<IncidentDto>();
  };
  const preview = (id: string, query = '') =>
    call({ method: 'GET', url: `/api/incidents/${id}/checkpoints/preview${query}` });
  const send = (id: string, payload?: Record<string, unknown>) =>
    call({ method: 'POST', url: `/api/incidents/${id}/checkpoints`, ...(payload ? { payload } : {}) });
  const counts = async () => ({
    assignments: await db.prisma.assignment.count(),
    audit: await db.prisma.auditEvent.count(),
    busy: await db.prisma.unit.count({ where: { status: 'assigned' } }),
  });
  /** Ends every active assignment so each test starts with the whole fleet free. */
  const freeAll = async () => {
    await db.prisma.assignment.updateMany({
      where: { status: { in: ['assigned', 'accepted', 'en_route', 'on_scene'] } },
      data: { status: 'cancelled', cancelledAt: new Date() },
    });
    await db.prisma.unit.updateMany({ where: { status: 'assigned' }, data: { status: 'available' } });
  };

  it('previews checkpoints on the exit roads of the escape area, writing nothing', async () => {
    const incident = await createIncident();
    const before = await counts();
    const res = await preview(incident.id, '?escapeMinutes=4&maxCheckpoints=5');
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json<CheckpointPlanDto>();
    expect(plan).toMatchObject({ incidentId: incident.id, escapeMinutes: 4, maxCheckpoints: 5 });
    expect(plan.origin).toEqual([here.lng, here.lat]);
    expect(plan.checkpoints.length).toBeGreaterThan(0);
    expect(plan.checkpoints.length).toBeLessThanOrEqual(5);
    expect(plan.exitCount).toBeGreaterThanOrEqual(plan.checkpoints.length);

    // Every checkpoint is one of routing's exit edges of the 4-minute area, at its boundary point.
    const exits = exitEdges(app.services.roads.network, [here.lng, here.lat], 240);
    const exitById = new Map(exits.map((e) => [`exit-${e.segment}`, e]));
    for (const cp of plan.checkpoints) {
      const exit = exitById.get(cp.id);
      expect(exit, cp.id).toBeDefined();
      expect(cp.lngLat[0]).toBeCloseTo(exit!.point[0], 9);
      expect(cp.lngLat[1]).toBeCloseTo(exit!.point[1], 9);
      expect(cp.roadName).toBe(exit!.name);
      expect(cp.suspectEtaSeconds).toBe(240 - plan.elapsedSeconds);
      expect(cp.assignmentId).toBeNull();
    }
    // Distinct places, not the same junction twice.
    for (const [i, a] of plan.checkpoints.entries())
      for (const b of plan.checkpoints.slice(i + 1))
        expect(haversineMeters(a.lngLat, b.lngLat)).toBeGreaterThanOrEqual(200);

    // Units: each at most once, each there before the suspect, the margin reported.
    const manned = plan.checkpoints.filter((c) => c.unit);
    expect(manned.length).toBeGreaterThan(0);
    expect(new Set(manned.map((c) => c.unit!.unitId)).size).toBe(manned.length);
    for (const cp of manned) {
      expect(cp.unit!.etaSeconds).toBeLessThanOrEqual(cp.suspectEtaSeconds);
      expect(cp.unit!.marginSeconds).toBe(cp.suspectEtaSeconds - cp.unit!.etaSeconds);
      expect(['patrol_car', 'motorcycle', 'foot_patrol', 'post']).toContain(cp.unit!.kind);
      expect(cp.uncoveredReason).toBeNull();
    }
    for (const cp of plan.checkpoints.filter((c) => !c.unit)) expect(cp.uncoveredReason).not.toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('takes the escape time from the incident type by default', async () => {
    const theft = await createIncident('theft');
    const plan = (await preview(theft.id)).json<CheckpointPlanDto>();
    expect(plan.escapeMinutes).toBe(5);
    expect(plan.maxCheckpoints).toBe(6);
  });

  it('sends the proposed units with role checkpoint and records where each one stands', async () => {
    await freeAll();
    const incident = await createIncident();
    const shown = (await preview(incident.id, '?escapeMinutes=4&maxCheckpoints=4')).json<CheckpointPlanDto>();
    const shownUnits = shown.checkpoints.filter((c) => c.unit).map((c) => c.unit!.unitId);

    const res = await send(incident.id, { escapeMinutes: 4, maxCheckpoints: 4, expectUnitIds: shownUnits });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json<CheckpointDispatchDto>();
    expect(out.incident.status).toBe('dispatched');
    expect(out.incident.firstDispatchedAt).not.toBeNull();
    expect(out.assignments).toHaveLength(shownUnits.length);
    expect(out.assignments.map((a) => a.unitId).sort()).toEqual([...shownUnits].sort());
    for (const a of out.assignments) {
      expect(a).toMatchObject({ role: 'checkpoint', status: 'assigned', incidentId: incident.id });
      const unit = await db.prisma.unit.findUniqueOrThrow({ where: { id: a.unitId } });
      expect(unit.status).toBe('assigned');
      const cp = out.plan.checkpoints.find((c) => c.assignmentId === a.id)!;
      expect(cp.unit!.unitId).toBe(a.unitId);
      expect(a.etaSeconds).toBe(cp.unit!.etaSeconds);
      // Every screen learns where the unit stands from the assignment itself (events, snapshots).
      expect(a.checkpoint).toEqual({ lngLat: cp.lngLat, roadName: cp.roadName, headingDeg: cp.headingDeg });
      // ...and the audit event records the whole checkpoint.
      const event = await db.prisma.auditEvent.findFirstOrThrow({
        where: { action: 'assignment.checkpoint', entityId: a.id },
      });
      expect(event.after).toMatchObject({
        checkpointId: cp.id,
        lngLat: cp.lngLat,
        roadName: cp.roadName,
        marginSeconds: cp.unit!.marginSeconds,
        incidentId: incident.id,
      });
    }
    const incidentEvent = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'incident.checkpoints', entityId: incident.id },
    });
    expect(incidentEvent.after).toMatchObject({ escapeMinutes: 4, status: 'dispatched' });

    const held = await call(
      { method: 'GET', url: `/api/incidents/${incident.id}/checkpoints` },
      'supervisor',
    );
    expect(held.statusCode, held.body).toBe(200);
    const active = held.json<ActiveCheckpointDto[]>();
    expect(active.map((c) => c.assignmentId).sort()).toEqual(out.assignments.map((a) => a.id).sort());
    for (const c of active) {
      const cp = out.plan.checkpoints.find((x) => x.assignmentId === c.assignmentId)!;
      expect(c).toMatchObject({ checkpointId: cp.id, lngLat: cp.lngLat, status: 'assigned' });
    }

    // A checkpoint unit's route leads to its checkpoint, not to the scene.
    const first = out.assignments[0]!;
    const route = await call({ method: 'GET', url: `/api/assignments/${first.id}/route` });
    expect(route.statusCode, route.body).toBe(200);
    const path = route.json<{ coordinates: [number, number][]; etaSeconds: number }>();
    const target = out.plan.checkpoints.find((c) => c.assignmentId === first.id)!.lngLat;
    expect(haversineMeters(path.coordinates.at(-1)!, target)).toBeLessThan(60);
    expect(Math.abs(path.etaSeconds - first.etaSeconds!)).toBeLessThanOrEqual(5 + first.etaSeconds! * 0.1);

    // A checkpoint unit reaching its road block is not an arrival on scene: the incident stays
    // dispatched and its 3-minute clock keeps running.
    for (const action of ['en_route', 'on_scene'] as const) {
      const step = await call({
        method: 'POST',
        url: `/api/assignments/${first.id}/actions`,
        payload: { action },
      });
      expect(step.statusCode, step.body).toBe(200);
    }
    const after = await call({ method: 'GET', url: `/api/incidents/${incident.id}` });
    expect(after.json<IncidentDto>().assignments.find((a) => a.id === first.id)?.checkpoint?.lngLat).toEqual(
      out.plan.checkpoints.find((c) => c.assignmentId === first.id)!.lngLat,
    );
    expect(after.json<IncidentDto>()).toMatchObject({
      status: 'dispatched',
      firstEnRouteAt: null,
      firstOnSceneAt: null,
      reinforcedAt: null,
    });

    // Units already sent are not proposed again.
    const again = (await preview(incident.id, '?escapeMinutes=4')).json<CheckpointPlanDto>();
    for (const cp of again.checkpoints) expect(shownUnits).not.toContain(cp.unit?.unitId);
  });

  it('refuses with 409 when a planned unit is taken by another dispatcher meanwhile, writing nothing', async () => {
    await freeAll();
    const incident = await createIncident();
    const other = await createIncident('fight');
    const original = CheckpointService.prototype.plan;
    let stolen: string | null = null;
    vi.spyOn(CheckpointService.prototype, 'plan').mockImplementation(async function (
      this: CheckpointService,
      ...args
    ) {
      const plan = await original.apply(this, args);
      // Between the plan and the claim, the other dispatcher sends the first planned unit.
      stolen = plan.checkpoints.find((c) => c.unit)!.unit!.unitId;
      const res = await call({
        method: 'POST',
        url: `/api/incidents/${other.id}/dispatch`,
        payload: { unitIds: [stolen] },
      });
      expect(res.statusCode, res.body).toBe(200);
      return plan;
    });
    const before = await counts();
    const res = await send(incident.id, { escapeMinutes: 4 });
    expect(res.statusCode, res.body).toBe(409);
    expect(errorOf(res).code).toBe('UNIT_ALREADY_ASSIGNED');
    expect(errorOf(res).details).toMatchObject({ unitId: stolen, incidentId: other.id });
    // Only the other dispatch was written (1 assignment); the checkpoint request rolled back whole.
    const after = await counts();
    expect(after.assignments).toBe(before.assignments + 1);
    expect(after.busy).toBe(before.busy + 1);
    expect(await db.prisma.assignment.count({ where: { incidentId: incident.id } })).toBe(0);
  });

  it('maps the partial unique index to 409 UNIT_ALREADY_ASSIGNED when the status check is passed', async () => {
    await freeAll();
    const incident = await createIncident();
    const other = await createIncident('fight');
    const original = CheckpointService.prototype.plan;
    vi.spyOn(CheckpointService.prototype, 'plan').mockImplementation(async function (
      this: CheckpointService,
      ...args
    ) {
      const plan = await original.apply(this, args);
      // A racing writer inserted an active assignment but has not yet flipped the unit's status.
      const unitId = plan.checkpoints.find((c) => c.unit)!.unit!.unitId;
      await db.prisma.assignment.create({
        data: { incidentId: other.id, unitId, role: 'backup', assignedAt: new Date() },
      });
      return plan;
    });
    const res = await send(incident.id, { escapeMinutes: 4 });
    expect(res.statusCode, res.body).toBe(409);
    expect(errorOf(res).code).toBe('UNIT_ALREADY_ASSIGNED');
    expect(await db.prisma.assignment.count({ where: { incidentId: incident.id } })).toBe(0);
    expect(await db.prisma.unit.count({ where: { status: 'assigned' } })).toBe(0);
  });

  it('lets exactly one of two racing checkpoint dispatches have each unit', async () => {
    await freeAll();
    const a = await createIncident();
    const b = await createIncident();
    const results = await Promise.all([send(a.id, { escapeMinutes: 4 }), send(b.id, { escapeMinutes: 4 })]);
    const statuses = results.map((r) => r.statusCode).sort();
    expect([
      [200, 200],
      [200, 409],
    ]).toContainEqual(statuses);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(['UNIT_ALREADY_ASSIGNED', 'UNIT_NOT_AVAILABLE']).toContain(errorOf(r).code);
    const active = await db.prisma.assignment.findMany({
      where: { status: { in: ['assigned', 'accepted', 'en_route', 'on_scene'] } },
      select: { unitId: true },
    });
    expect(new Set(active.map((x) => x.unitId)).size).toBe(active.length);
  });

  it('refuses a stale confirmation with 409 CONFLICT', async () => {
    await freeAll();
    const incident = await createIncident();
    const res = await send(incident.id, {
      escapeMinutes: 4,
      expectUnitIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: 'CONFLICT' });
    expect(errorOf(res).details?.plannedUnitIds).toBeInstanceOf(Array);
    expect(await db.prisma.assignment.count({ where: { incidentId: incident.id } })).toBe(0);
  });

  it('answers 400 naming the field for bad input', async () => {
    const incident = await createIncident();
    const cases: [Record<string, unknown>, string][] = [
      [{ escapeMinutes: 0 }, 'body.escapeMinutes'],
      [{ escapeMinutes: 16 }, 'body.escapeMinutes'],
      [{ escapeMinutes: 'soon' }, 'body.escapeMinutes'],
      [{ maxCheckpoints: 0 }, 'body.maxCheckpoints'],
      [{ maxCheckpoints: 13 }, 'body.maxCheckpoints'],
      [{ maxCheckpoints: 2.5 }, 'body.maxCheckpoints'],
      [{ radius: 3 }, 'body.radius'],
    ];
    for (const [payload, field] of cases) {
      const res = await send(incident.id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    const q = await preview(incident.id, '?escapeMinutes=abc');
    expect(q.statusCode).toBe(400);
    expect(errorOf(q)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.escapeMinutes' });
    const q2 = await preview(incident.id, '?maxCheckpoints=99');
    expect(errorOf(q2)).toMatchObject({ field: 'querystring.maxCheckpoints' });
  });

  it('answers 404 for an unknown incident and 403 for roles that may not dispatch', async () => {
    for (const res of [
      await preview('00000000-0000-4000-8000-000000000000'),
      await send('00000000-0000-4000-8000-000000000000'),
      await call({ method: 'GET', url: '/api/incidents/00000000-0000-4000-8000-000000000000/checkpoints' }),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
    }
    const incident = await createIncident();
    const res = await call(
      { method: 'POST', url: `/api/incidents/${incident.id}/checkpoints`, payload: {} },
      'supervisor',
    );
    expect(res.statusCode).toBe(403);
  });

  it('answers 409 INCIDENT_CLOSED for an ended incident', async () => {
    const incident = await createIncident();
    const cancelled = await call({
      method: 'POST',
      url: `/api/incidents/${incident.id}/cancel`,
      payload: { reason: 'duplicate' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(errorOf(await preview(incident.id)).code).toBe('INCIDENT_CLOSED');
    expect((await send(incident.id)).statusCode).toBe(409);
  });

  it('answers 422 NO_ROAD_NETWORK without a road network, writing nothing', async () => {
    const incident = await createIncident();
    const roads = app.services.roads;
    const network = roads.network;
    roads.network = null;
    try {
      const before = await counts();
      for (const res of [await preview(incident.id), await send(incident.id, { escapeMinutes: 3 })]) {
        expect(res.statusCode, res.body).toBe(422);
        expect(errorOf(res).code).toBe('NO_ROAD_NETWORK');
      }
      expect(await counts()).toEqual(before);
    } finally {
      roads.network = network;
    }
  });

  it('serves every checkpoint route from the one service wired in app.services', async () => {
    // One instance per app, like the other services, so a test or a plugin sees what the routes use.
    const { checkpoints } = app.services;
    const previewed = vi.spyOn(checkpoints, 'preview');
    const read = vi.spyOn(checkpoints, 'activeCheckpoints');
    const incident = await createIncident();
    expect((await preview(incident.id)).statusCode).toBe(200);
    const listed = await call({ method: 'GET', url: `/api/incidents/${incident.id}/checkpoints` });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(previewed).toHaveBeenCalledWith(incident.id, expect.anything());
    expect(read).toHaveBeenCalledWith(incident.id);
  });
});
