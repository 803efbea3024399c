import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentDto, AuditEventDto, IncidentDto, RecommendationsDto } from '@dispatch/contracts';
import { createHarness, errorOf, unitLogins, type Harness } from '../test/app-harness.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe(`incidents (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let logins: Map<string, string>;
  /** Where unit001's patrol car stands (inside a grid, on the road network). */
  let here: { lng: number; lat: number; gridId: string | null };

  beforeAll(async () => {
    h = await createHarness();
    logins = await unitLogins(h.db);
    const me = await h.login('unit001');
    const unit = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: me.unitId! } });
    here = { lng: unit.lastLng!, lat: unit.lastLat!, gridId: unit.currentGridId };
  });
  afterAll(async () => {
    await h?.close();
  });

  const create = async (payload: Record<string, unknown>) => {
    const res = await h.call('dispatcher', {
      method: 'POST',
      url: '/api/incidents',
      payload: { location: { lng: here.lng, lat: here.lat }, ...payload },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<IncidentDto>();
  };
  const act = async (a: AssignmentDto, action: string, extra: Record<string, unknown> = {}) =>
    h.call(logins.get(a.unitId)!, {
      method: 'POST',
      url: `/api/assignments/${a.id}/actions`,
      payload: { action, ...extra },
    });
  const incidentRow = (id: string) => h.db.prisma.incident.findUniqueOrThrow({ where: { id } });

  it('runs a call to close, setting every milestone once and writing the audit trail', async () => {
    const t0 = h.clock.ms;
    const incident = await create({
      type: 'fight',
      priority: 2,
      address: '解放路 1 号',
      callerPhone: '138 0000 0000',
    });
    expect(incident).toMatchObject({
      type: 'fight',
      priority: 2,
      status: 'received',
      requiredUnits: 2,
      gridId: here.gridId,
      receivedAt: iso(t0),
      firstDispatchedAt: null,
      firstEnRouteAt: null,
      firstOnSceneAt: null,
      reinforcedAt: null,
      resolvedAt: null,
      closedAt: null,
      assignments: [],
    });
    expect(incident.number).toMatch(/^110-\d{8}-0001$/);

    const t1 = h.clock.advance(20_000);
    const dispatched = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/dispatch`,
      payload: { auto: true },
    });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    const outcome = dispatched.json<{ incident: IncidentDto; assignments: AssignmentDto[] }>();
    expect(outcome.incident.status).toBe('dispatched');
    expect(outcome.incident.firstDispatchedAt).toBe(iso(t1));
    expect(outcome.assignments).toHaveLength(2);
    const [a, b] = outcome.assignments as [AssignmentDto, AssignmentDto];
    for (const x of [a, b]) {
      expect(x).toMatchObject({ status: 'assigned', tier: 1, assignedAt: iso(t1) });
      expect((await h.db.prisma.unit.findUniqueOrThrow({ where: { id: x.unitId } })).status).toBe('assigned');
    }

    const t2 = h.clock.advance(10_000);
    const accepted = await act(a, 'accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<AssignmentDto>()).toMatchObject({ status: 'accepted', acceptedAt: iso(t2) });
    expect((await incidentRow(incident.id)).firstEnRouteAt).toBeNull();

    const t3 = h.clock.advance(10_000);
    expect((await act(a, 'en_route')).statusCode).toBe(200);
    let row = await incidentRow(incident.id);
    expect(row.status).toBe('en_route');
    expect(row.firstEnRouteAt?.toISOString()).toBe(iso(t3));

    h.clock.advance(5_000);
    expect((await act(b, 'en_route')).statusCode).toBe(200);
    expect((await incidentRow(incident.id)).firstEnRouteAt?.toISOString()).toBe(iso(t3));

    const t5 = h.clock.advance(60_000);
    expect((await act(a, 'on_scene')).statusCode).toBe(200);
    row = await incidentRow(incident.id);
    expect(row.status).toBe('on_scene');
    expect(row.firstOnSceneAt?.toISOString()).toBe(iso(t5));
    expect(row.reinforcedAt).toBeNull();

    const t6 = h.clock.advance(30_000);
    expect((await act(b, 'on_scene')).statusCode).toBe(200);
    row = await incidentRow(incident.id);
    expect(row.firstOnSceneAt?.toISOString()).toBe(iso(t5));
    expect(row.reinforcedAt?.toISOString()).toBe(iso(t6));

    const t7 = h.clock.advance(300_000);
    const resolved = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/resolve`,
      payload: { resolution: 'resolved_on_scene', note: '双方已调解' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json<IncidentDto>()).toMatchObject({
      status: 'resolved',
      resolution: 'resolved_on_scene',
      resolvedAt: iso(t7),
      closedAt: null,
    });

    const t8 = h.clock.advance(60_000);
    const closed = await h.call('dispatcher', { method: 'POST', url: `/api/incidents/${incident.id}/close` });
    expect(closed.statusCode, closed.body).toBe(200);
    const final = closed.json<IncidentDto>();
    expect(final).toMatchObject({
      status: 'closed',
      resolution: 'resolved_on_scene',
      receivedAt: iso(t0),
      firstDispatchedAt: iso(t1),
      firstEnRouteAt: iso(t3),
      firstOnSceneAt: iso(t5),
      reinforcedAt: iso(t6),
      resolvedAt: iso(t7),
      closedAt: iso(t8),
    });
    // Closing releases the units on scene: assignments cleared, units returning.
    expect(final.assignments.map((x) => x.status)).toEqual(['cleared', 'cleared']);
    for (const x of [a, b]) {
      expect((await h.db.prisma.unit.findUniqueOrThrow({ where: { id: x.unitId } })).status).toBe(
        'returning',
      );
    }

    const detail = await h.call('leader', { method: 'GET', url: `/api/incidents/${incident.id}` });
    expect(detail.statusCode).toBe(200);
    const timeline = detail.json<{ timeline: AuditEventDto[] }>().timeline;
    const actions = timeline.map((e) => e.action);
    expect(actions.filter((x) => x === 'incident.create')).toHaveLength(1);
    expect(actions.filter((x) => x === 'incident.dispatch')).toHaveLength(1);
    expect(actions.filter((x) => x === 'assignment.create')).toHaveLength(2);
    expect(actions.filter((x) => x === 'assignment.accept')).toHaveLength(1);
    expect(actions.filter((x) => x === 'assignment.en_route')).toHaveLength(2);
    expect(actions.filter((x) => x === 'assignment.on_scene')).toHaveLength(2);
    expect(actions.indexOf('incident.resolve')).toBeGreaterThan(actions.lastIndexOf('assignment.on_scene'));
    expect(actions.at(-1)).toBe('incident.close');
    const resolveEvent = timeline.find((e) => e.action === 'incident.resolve')!;
    expect(resolveEvent).toMatchObject({
      actorName: 'dispatcher',
      at: iso(t7),
      before: { status: 'on_scene' },
      after: { status: 'resolved', resolution: 'resolved_on_scene', note: '双方已调解' },
    });
    const onScene = timeline.filter((e) => e.action === 'assignment.on_scene');
    expect(onScene.map((e) => e.actorName).sort()).toEqual(
      [logins.get(a.unitId), logins.get(b.unitId)].sort(),
    );
  });

  it('releases every unit that has not cleared when the incident is resolved, audited', async () => {
    const incident = await create({ type: 'fight', priority: 2, autoDispatch: false });
    const sent = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/dispatch`,
      payload: { auto: true },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const [onScene, travelling] = sent.json<{ assignments: AssignmentDto[] }>().assignments as [
      AssignmentDto,
      AssignmentDto,
    ];
    expect((await act(onScene, 'en_route')).statusCode).toBe(200);
    h.clock.advance(60_000);
    expect((await act(onScene, 'on_scene')).statusCode).toBe(200);
    expect((await act(travelling, 'en_route')).statusCode).toBe(200);
    const resolved = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/resolve`,
      payload: { resolution: 'resolved_on_scene' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const byId = new Map(resolved.json<IncidentDto>().assignments.map((a) => [a.id, a.status]));
    expect(byId.get(onScene.id)).toBe('cleared');
    expect(byId.get(travelling.id)).toBe('cancelled');
    for (const a of [onScene, travelling]) {
      const unit = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: a.unitId } });
      expect(unit.status).toBe('returning');
    }
    const released = await h.db.prisma.auditEvent.findMany({
      where: { action: 'assignment.release', entityId: { in: [onScene.id, travelling.id] } },
    });
    expect(released).toHaveLength(2);
  });

  it('resolves the incident when the only unit clears with a resolution (field feedback)', async () => {
    const incident = await create({ type: 'theft', priority: 3 });
    const res = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/dispatch`,
      payload: { auto: true },
    });
    const [a] = res.json<{ assignments: AssignmentDto[] }>().assignments as [AssignmentDto];
    // Accepting is optional: assigned -> en_route directly.
    expect((await act(a, 'en_route')).statusCode).toBe(200);
    expect((await act(a, 'on_scene')).statusCode).toBe(200);
    const t = h.clock.advance(120_000);
    const cleared = await act(a, 'clear', { resolution: 'transferred_to_case' });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json<AssignmentDto>()).toMatchObject({ status: 'cleared', clearedAt: iso(t) });
    const row = await incidentRow(incident.id);
    expect(row.status).toBe('resolved');
    expect(row.resolution).toBe('transferred_to_case');
    expect(row.resolvedAt?.toISOString()).toBe(iso(t));
    // A single-unit plan has no reinforcement milestone.
    expect(row.reinforcedAt).toBeNull();
    expect((await h.db.prisma.unit.findUniqueOrThrow({ where: { id: a.unitId } })).status).toBe('returning');
  });

  describe('auto-dispatch on creation', () => {
    it('sends the knife-attack plan at once for priority 1', async () => {
      const t = h.clock.advance(1_000);
      const incident = await create({ type: 'knife_attack', priority: 1 });
      expect(incident.status).toBe('dispatched');
      expect(incident.requiredUnits).toBe(3);
      expect(incident.firstDispatchedAt).toBe(iso(t));
      // Default plan, tier 1: two patrol cars and one motorcycle.
      expect(incident.assignments.map((a) => a.unitKind).sort()).toEqual([
        'motorcycle',
        'patrol_car',
        'patrol_car',
      ]);
      expect(incident.assignments.every((a) => a.tier === 1 && a.status === 'assigned')).toBe(true);
      expect(incident.assignments.filter((a) => a.role === 'primary')).toHaveLength(1);
      const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
        where: { entityId: incident.id, action: 'incident.dispatch' },
      });
      expect(audit.actorName).toBe('dispatcher (auto)');
      expect(audit.after).toMatchObject({ mode: 'plan' });
    });

    it('leaves routine and overridden incidents in the queue', async () => {
      const routine = await create({ type: 'knife_attack', priority: 3 });
      expect(routine.status).toBe('received');
      expect(routine.assignments).toEqual([]);
      const overridden = await create({ type: 'knife_attack', priority: 1, autoDispatch: false });
      expect(overridden.status).toBe('received');
      expect(overridden.assignments).toEqual([]);
      const forced = await create({ type: 'noise', priority: 4, autoDispatch: true });
      expect(forced.status).toBe('dispatched');
      expect(forced.assignments).toHaveLength(1);
    });
    it('takes the call even when its auto-dispatch cannot be written, and sends nothing twice', async () => {
      // An inconsistent unit: free by status, yet still on an active assignment (left by a
      // crash or a hand edit). The plan's first pick is that unit, so the dispatch must fail.
      const where = { lng: here.lng, lat: here.lat };
      const preview = (
        await h.call('dispatcher', {
          method: 'GET',
          url: `/api/recommendations?lng=${where.lng}&lat=${where.lat}&type=knife_attack&priority=1`,
        })
      ).json<RecommendationsDto>();
      const picked = preview.candidates.filter((c) => c.tier !== null);
      expect(picked.length).toBeGreaterThan(0);
      const holder = await create({ type: 'other', priority: 4, autoDispatch: false });
      const stale = await h.db.prisma.assignment.create({
        data: { incidentId: holder.id, unitId: picked[0]!.unitId, assignedAt: new Date(h.clock.ms) },
      });
      const events: string[] = [];
      const unsubscribe = h.app.services.bus.subscribe((e) => events.push(e.name));
      try {
        const before = await h.counts();
        const incident = await create({ type: 'knife_attack', priority: 1 });
        expect(incident.status).toBe('received');
        expect(incident.assignments).toEqual([]);
        // The rolled-back attempt left no trace: one number used, one incident, one audit entry.
        const after = await h.counts();
        expect(after).toMatchObject({
          incident: before.incident! + 1,
          assignment: before.assignment,
          audit_event: before.audit_event! + 1,
        });
        const previous = Number(holder.number.slice(-4));
        expect(Number(incident.number.slice(-4))).toBe(previous + 1);
        const statuses = await h.db.prisma.unit.findMany({
          where: { id: { in: picked.map((c) => c.unitId) } },
          select: { status: true },
        });
        expect(statuses.every((u) => u.status === 'available' || u.status === 'returning')).toBe(true);
        expect(events).toEqual(['incident:created']);
      } finally {
        unsubscribe();
        await h.db.prisma.assignment.delete({ where: { id: stale.id } });
      }
    });
  });

  describe('recommendations', () => {
    it('ranks units for a bare location and type without writing anything', async () => {
      const before = await h.counts();
      const res = await h.call('dispatcher', {
        method: 'GET',
        url: `/api/recommendations?lng=${here.lng}&lat=${here.lat}&type=fight&priority=2&limit=5`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const rec = res.json<RecommendationsDto>();
      expect(rec.gridId).toBe(here.gridId);
      expect(rec.requiredUnits).toBe(2);
      expect(rec.autoDispatch).toBe(false);
      expect(rec.straightLine).toBe(false);
      expect(rec.candidates.length).toBeGreaterThanOrEqual(2);
      expect(rec.candidates.filter((c) => c.tier === 1)).toHaveLength(2);
      const units = await h.db.prisma.unit.findMany({
        where: { id: { in: rec.candidates.map((c) => c.unitId) } },
      });
      expect(units.every((u) => u.status === 'available' || u.status === 'returning')).toBe(true);
      expect(rec.candidates.every((c) => c.etaSeconds >= 0 && c.reasons.length > 0)).toBe(true);
      expect(await h.counts()).toEqual(before);
    });

    it('recommends for a saved incident, leaving out units already sent', async () => {
      const incident = await create({ type: 'fight', priority: 2 });
      const first = await h.call('dispatcher', {
        method: 'GET',
        url: `/api/incidents/${incident.id}/recommendations`,
      });
      expect(first.statusCode).toBe(200);
      const pick = first.json<RecommendationsDto>().candidates[0]!;
      const sent = await h.call('dispatcher', {
        method: 'POST',
        url: `/api/incidents/${incident.id}/dispatch`,
        payload: { unitIds: [pick.unitId] },
      });
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json<{ assignments: AssignmentDto[] }>().assignments[0]).toMatchObject({
        unitId: pick.unitId,
        role: 'primary',
      });
      const again = await h.call('dispatcher', {
        method: 'GET',
        url: `/api/incidents/${incident.id}/recommendations`,
      });
      const rec = again.json<RecommendationsDto>();
      expect(rec.candidates.map((c) => c.unitId)).not.toContain(pick.unitId);
      // One of the two required units is on its way: the plan proposes only the second.
      expect(rec.candidates.filter((c) => c.tier === 1)).toHaveLength(1);
    });
  });

  describe('illegal transitions answer 409 and change nothing', () => {
    const unchanged = async (id: string, work: () => Promise<void>) => {
      const before = await h.counts();
      const row = await incidentRow(id);
      await work();
      expect(await h.counts()).toEqual(before);
      expect(await incidentRow(id)).toEqual(row);
    };

    it('refuses to close or resolve an incident nobody was sent to', async () => {
      const incident = await create({ type: 'dispute', priority: 3 });
      await unchanged(incident.id, async () => {
        const close = await h.call('dispatcher', {
          method: 'POST',
          url: `/api/incidents/${incident.id}/close`,
        });
        expect(errorOf(close, 409, 'ILLEGAL_TRANSITION').details).toMatchObject({
          from: 'received',
          event: 'close',
        });
        const resolve = await h.call('dispatcher', {
          method: 'POST',
          url: `/api/incidents/${incident.id}/resolve`,
          payload: { resolution: 'resolved_on_scene' },
        });
        errorOf(resolve, 409, 'ILLEGAL_TRANSITION');
      });
    });

    it('refuses anything on a cancelled incident', async () => {
      const incident = await create({ type: 'dispute', priority: 3 });
      const cancelled = await h.call('dispatcher', {
        method: 'POST',
        url: `/api/incidents/${incident.id}/cancel`,
        payload: { reason: '报警人撤警' },
      });
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json<IncidentDto>()).toMatchObject({ status: 'cancelled', resolution: 'cancelled' });
      const free = await h.db.prisma.unit.findFirstOrThrow({ where: { status: 'available' } });
      await unchanged(incident.id, async () => {
        for (const [url, payload] of [
          ['cancel', {}],
          ['close', undefined],
          ['resolve', { resolution: 'resolved_on_scene' }],
          ['dispatch', { unitIds: [free.id] }],
          ['dispatch', { auto: true }],
        ] as const) {
          const res = await h.call('dispatcher', {
            method: 'POST',
            url: `/api/incidents/${incident.id}/${url}`,
            ...(payload ? { payload } : {}),
          });
          errorOf(res, 409, 'INCIDENT_CLOSED');
        }
      });
    });

    it('refuses an assignment step out of order and a second unit-on-scene', async () => {
      const incident = await create({ type: 'theft', priority: 3 });
      const res = await h.call('dispatcher', {
        method: 'POST',
        url: `/api/incidents/${incident.id}/dispatch`,
        payload: { auto: true },
      });
      const [a] = res.json<{ assignments: AssignmentDto[] }>().assignments as [AssignmentDto];
      await unchanged(incident.id, async () => {
        const jump = await act(a, 'on_scene');
        expect(errorOf(jump, 409, 'ILLEGAL_TRANSITION').details).toMatchObject({
          from: 'assigned',
          to: 'on_scene',
        });
        errorOf(await act(a, 'clear'), 409, 'ILLEGAL_TRANSITION');
      });
      expect((await act(a, 'en_route')).statusCode).toBe(200);
      expect((await act(a, 'on_scene')).statusCode).toBe(200);
      await unchanged(incident.id, async () => {
        errorOf(await act(a, 'on_scene'), 409, 'ILLEGAL_TRANSITION');
        errorOf(await act(a, 'accept'), 409, 'ILLEGAL_TRANSITION');
      });
    });

    it('refuses to send a busy or off-duty unit', async () => {
      const busy = await h.db.prisma.unit.findFirstOrThrow({ where: { status: 'assigned' } });
      const offDuty = await h.db.prisma.unit.findFirstOrThrow({ where: { status: 'off_duty' } });
      const incident = await create({ type: 'dispute', priority: 3 });
      await unchanged(incident.id, async () => {
        const dispatch = (unitIds: string[]) =>
          h.call('dispatcher', {
            method: 'POST',
            url: `/api/incidents/${incident.id}/dispatch`,
            payload: { unitIds },
          });
        errorOf(await dispatch([busy.id]), 409, 'UNIT_ALREADY_ASSIGNED');
        errorOf(await dispatch([offDuty.id]), 409, 'UNIT_NOT_AVAILABLE');
        // All or nothing: one free unit with one busy one sends neither.
        const free = await h.db.prisma.unit.findFirstOrThrow({
          where: { status: 'available', kind: 'patrol_car' },
        });
        errorOf(await dispatch([free.id, busy.id]), 409, 'UNIT_ALREADY_ASSIGNED');
        expect((await h.db.prisma.unit.findUniqueOrThrow({ where: { id: free.id } })).status).toBe(
          'available',
        );
      });
    });
  });

  describe('milestones cannot be edited by hand', () => {
    it('rejects milestone fields on every incident and assignment route, writing nothing', async () => {
      const incident = await create({ type: 'theft', priority: 3 });
      const res = await h.call('dispatcher', {
        method: 'POST',
        url: `/api/incidents/${incident.id}/dispatch`,
        payload: { auto: true },
      });
      const [a] = res.json<{ assignments: AssignmentDto[] }>().assignments as [AssignmentDto];
      const stamp = iso(h.clock.ms - 3_600_000);
      const before = await h.counts();
      const row = await incidentRow(incident.id);
      const attempts: [string, string, Record<string, unknown>, string][] = [
        [
          'dispatcher',
          '/api/incidents',
          { type: 'theft', priority: 3, location: here, firstDispatchedAt: stamp },
          'body.firstDispatchedAt',
        ],
        [
          'dispatcher',
          `/api/incidents/${incident.id}/dispatch`,
          { auto: true, firstDispatchedAt: stamp },
          'body.firstDispatchedAt',
        ],
        [
          'dispatcher',
          `/api/incidents/${incident.id}/resolve`,
          { resolution: 'resolved_on_scene', resolvedAt: stamp },
          'body.resolvedAt',
        ],
        ['dispatcher', `/api/incidents/${incident.id}/close`, { closedAt: stamp }, 'body.closedAt'],
        ['dispatcher', `/api/incidents/${incident.id}/cancel`, { closedAt: stamp }, 'body.closedAt'],
        [
          logins.get(a.unitId)!,
          `/api/assignments/${a.id}/actions`,
          { action: 'en_route', enRouteAt: stamp },
          'body.enRouteAt',
        ],
      ];
      for (const [user, url, payload, field] of attempts) {
        const reply = await h.call(user, { method: 'POST', url, payload });
        errorOf(reply, 400, 'VALIDATION_FAILED', field);
      }
      for (const method of ['PATCH', 'PUT'] as const) {
        const reply = await h.call('admin', {
          method,
          url: `/api/incidents/${incident.id}`,
          payload: { firstOnSceneAt: stamp },
        });
        expect(reply.statusCode).toBe(404);
      }
      expect(await h.counts()).toEqual(before);
      expect(await incidentRow(incident.id)).toEqual(row);
    });
  });

  it('takes a call once under a client-chosen id, however often and wherever it is retried', async () => {
    const post = (payload: Record<string, unknown>) =>
      h.call('dispatcher', {
        method: 'POST',
        url: '/api/incidents',
        payload: { location: { lng: here.lng, lat: here.lat }, ...payload },
      });
    const countOf = (id: string) =>
      Promise.all([
        h.db.prisma.incident.count({ where: { id } }),
        h.db.prisma.auditEvent.count({ where: { entityId: id, action: 'incident.create' } }),
        h.db.prisma.assignment.count({ where: { incidentId: id } }),
      ]);
    // A plain call, retried after a lost answer: the same incident, 200, nothing written twice.
    const id = crypto.randomUUID();
    const first = await post({ id, type: 'theft', priority: 3 });
    expect(first.statusCode, first.body).toBe(201);
    const again = await post({ id, type: 'theft', priority: 3 });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<IncidentDto>().number).toBe(first.json<IncidentDto>().number);
    expect(await countOf(id)).toEqual([1, 1, 0]);

    // Retries racing each other (two nodes), plain and with auto-dispatch: one call, one dispatch.
    for (const body of [
      { type: 'dispute', priority: 3 },
      { type: 'knife_attack', priority: 1 },
    ]) {
      const raced = crypto.randomUUID();
      const replies = await Promise.all([1, 2, 3, 4].map(() => post({ id: raced, ...body })));
      expect(replies.map((r) => r.statusCode).sort(), replies.map((r) => r.body).join()).toEqual([
        200, 200, 200, 201,
      ]);
      expect(new Set(replies.map((r) => r.json<IncidentDto>().number)).size).toBe(1);
      const [incidents, audits, assignments] = await countOf(raced);
      expect([incidents, audits]).toEqual([1, 1]);
      expect(assignments).toBe(body.priority === 1 ? 3 : 0);
    }

    // Another call under a used id is refused, naming the field; nothing written.
    const other = await post({ id, type: 'fight', priority: 2 });
    errorOf(other, 409, 'CONFLICT', 'body.id');
    expect(await countOf(id)).toEqual([1, 1, 0]);
  });

  it('ranks the nearest police units for a placed call before its type is chosen', async () => {
    const res = await h.call('dispatcher', {
      method: 'GET',
      url: `/api/recommendations?lng=${here.lng}&lat=${here.lat}&priority=3`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<RecommendationsDto>();
    expect(body.requiredUnits).toBe(1);
    expect(body.candidates.length).toBeGreaterThan(1);
    const kinds = new Set(body.candidates.map((c) => c.kind));
    expect(kinds.has('drone') || kinds.has('partner')).toBe(false);
    const etas = body.candidates.map((c) => c.etaSeconds ?? Infinity);
    // By ETA, within the dispatch rules' 15 s tie tolerance (own grid first on a tie).
    for (let i = 1; i < etas.length; i++) expect(etas[i]! + 15).toBeGreaterThanOrEqual(etas[i - 1]!);
    expect(body.candidates.filter((c) => c.tier === 1)).toHaveLength(1);
  });

  it('records how the incident came in, an officer on patrol included', async () => {
    for (const source of ['walk_in', 'officer_initiated'] as const) {
      const incident = await create({ type: 'theft', priority: 4, source, autoDispatch: false });
      expect(incident.source).toBe(source);
      expect((await incidentRow(incident.id)).source).toBe(source);
    }
  });

  it('lists the open queue by priority then age', async () => {
    const res = await h.call('dispatcher', { method: 'GET', url: '/api/incidents?status=open' });
    expect(res.statusCode).toBe(200);
    const list = res.json<IncidentDto[]>();
    expect(list.length).toBeGreaterThan(3);
    expect(list.every((i) => !['closed', 'cancelled'].includes(i.status))).toBe(true);
    const keys = list.map((i) => [i.priority, Date.parse(i.receivedAt)] as const);
    const sorted = [...keys].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    expect(keys).toEqual(sorted);
  });
  it('lists open incidents without the resolved ones, and the board with them', async () => {
    const incident = await create({ type: 'other', priority: 4, autoDispatch: false });
    const sent = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/dispatch`,
      payload: { auto: true },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const resolved = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/resolve`,
      payload: { resolution: 'resolved_on_scene' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const list = async (status: string) =>
      (await h.call('dispatcher', { method: 'GET', url: `/api/incidents?status=${status}` })).json<
        IncidentDto[]
      >();
    const open = await list('open');
    expect(open.every((i) => ['received', 'dispatched', 'en_route', 'on_scene'].includes(i.status))).toBe(
      true,
    );
    expect(open.some((i) => i.id === incident.id)).toBe(false);
    const board = await list('board');
    expect(board.find((i) => i.id === incident.id)?.status).toBe('resolved');
    expect(board.every((i) => !['closed', 'cancelled'].includes(i.status))).toBe(true);
    const kpi = (await h.call('dispatcher', { method: 'GET', url: '/api/kpi/today' })).json<{
      openIncidents: number;
    }>();
    expect(kpi.openIncidents).toBe(open.length);
  });

  it('stores reinforcedAt at the second unit on scene, as the reinforcement clock stops, for a three-unit plan', async () => {
    const incident = await create({ type: 'knife_attack', priority: 1, autoDispatch: false });
    expect(incident.requiredUnits).toBe(3);
    const sent = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/dispatch`,
      payload: { auto: true },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const units = sent
      .json<{ assignments: AssignmentDto[] }>()
      .assignments.filter((a) => a.role !== 'checkpoint' && a.role !== 'support');
    expect(units.length).toBeGreaterThanOrEqual(2);
    const [a, b] = units as [AssignmentDto, AssignmentDto];
    for (const x of [a, b]) expect((await act(x, 'en_route')).statusCode).toBe(200);
    h.clock.advance(60_000);
    expect((await act(a, 'on_scene')).statusCode).toBe(200);
    expect((await incidentRow(incident.id)).reinforcedAt).toBeNull();
    const second = h.clock.advance(30_000);
    expect((await act(b, 'on_scene')).statusCode).toBe(200);
    expect((await incidentRow(incident.id)).reinforcedAt?.toISOString()).toBe(iso(second));
  });

  it('numbers auto-dispatched and plain calls alike, past 9,999 calls a day too', async () => {
    const first = await create({ type: 'other', priority: 4, autoDispatch: false });
    const day = first.number.split('-')[1]!;
    await h.db.runner.query(`UPDATE incident_sequence SET last = 9997 WHERE day = $1`, [day]);
    // The auto-dispatched call is numbered by the intake statement, the plain one by the domain.
    const auto = await create({ type: 'knife_attack', priority: 1 });
    const plain = await create({ type: 'other', priority: 4, autoDispatch: false });
    const after = await create({ type: 'knife_attack', priority: 1 });
    expect([auto.number, plain.number, after.number]).toEqual([
      `110-${day}-9998`,
      `110-${day}-9999`,
      `110-${day}-10000`,
    ]);
    expect(auto.status).toBe('dispatched');
    // The timeline reads in the order things happened: taken, each unit sent, dispatched.
    const detail = (await h.call('dispatcher', { method: 'GET', url: `/api/incidents/${auto.id}` })).json<
      IncidentDto & { timeline: AuditEventDto[] }
    >();
    const unitIds = new Set(auto.assignments.map((a) => a.unitId));
    const events = await h.db.prisma.auditEvent.findMany({
      where: {
        OR: [
          { entityId: auto.id },
          { entityId: { in: auto.assignments.map((a) => a.id) } },
          { entityId: { in: [...unitIds] }, action: 'unit.status', at: new Date(auto.firstDispatchedAt!) },
        ],
      },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => e.action)).toEqual([
      'incident.create',
      ...auto.assignments.flatMap(() => ['assignment.create', 'unit.status']),
      'incident.dispatch',
    ]);
    expect(detail.timeline.map((e) => e.action)).toEqual(
      events.filter((e) => e.action !== 'unit.status').map((e) => e.action),
    );
    expect(events[0]!.after).toMatchObject({ number: auto.number, status: 'received' });
    expect(events.at(-1)!.after).toMatchObject({
      status: 'dispatched',
      assignmentIds: auto.assignments.map((a) => a.id),
    });
    for (const incident of [first, auto, plain, after]) {
      await h.call('dispatcher', {
        method: 'POST',
        url: `/api/incidents/${incident.id}/cancel`,
        payload: {},
      });
    }
  });

  it('takes a call received up to 30 minutes ago (a long call, or on paper), audited as given', async () => {
    const createdAudit = (id: string) =>
      h.db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: id, action: 'incident.create' } });
    const receivedAt = iso(h.clock.ms - 29 * 60_000);
    // Both intake paths: the plain one and the call taken with its auto-dispatch in one statement.
    for (const payload of [
      { type: 'theft', priority: 3, receivedAt },
      { type: 'knife_attack', priority: 1, receivedAt },
    ]) {
      const incident = await create(payload);
      expect(incident.receivedAt).toBe(receivedAt);
      const audit = await createdAudit(incident.id);
      expect(audit.after).toMatchObject({ receivedAt, receivedAtGiven: true });
      expect(audit.at.getTime()).toBe(h.clock.ms);
      await h.call('dispatcher', { method: 'POST', url: `/api/incidents/${incident.id}/cancel` });
    }
    const plain = await create({ type: 'theft', priority: 3 });
    expect((await createdAudit(plain.id)).after).not.toHaveProperty('receivedAtGiven');
    await h.call('dispatcher', { method: 'POST', url: `/api/incidents/${plain.id}/cancel` });
  });
});
