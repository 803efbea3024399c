import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { IncidentDto, MoveUpAcceptedDto, MoveUpDto, MoveUpSettingsDto } from '@dispatch/contracts';
import type { OutgoingEvent } from './event-bus.js';
import { shortlistFor, triggerOf, type Departure } from './move-up-service.js';
import { createHarness, errorOf, type Harness } from '../test/app-harness.js';

const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const redisUrl = process.env.REDIS_URL;

/**
 * The harness city is small enough for a handful of cars to cover it: every free unit but the
 * patrol cars of three grids goes out of service first, so a dispatch leaves a real hole. G15 and
 * G16 belong to one station (PCS01), G14 to another (PCS02).
 */
const KEPT_GRIDS = ['G14', 'G15', 'G16'];

describe(`move-up after a dispatch (${engine})`, () => {
  let h: Harness;
  const events: OutgoingEvent[] = [];
  /** Grid id -> code, and the grids of each grid's station (itself included). */
  const code = new Map<string, string>();
  const stationArea = new Map<string, Set<string>>();
  const carIn = new Map<string, string>();
  let first: MoveUpDto[] = [];
  let hole: Departure;

  beforeAll(async () => {
    h = await createHarness({ config: redisUrl ? { redisUrl } : {} });
    const grids = await h.db.prisma.grid.findMany({ select: { id: true, code: true, stationId: true } });
    for (const g of grids) {
      code.set(g.id, g.code);
      stationArea.set(g.id, new Set(grids.filter((o) => o.stationId === g.stationId).map((o) => o.id)));
    }
    const free = await h.db.prisma.unit.findMany({
      where: { status: { in: ['available', 'returning'] } },
      orderBy: { callSign: 'asc' },
    });
    for (const u of free) {
      const c = code.get(u.currentGridId ?? '');
      if (u.kind === 'patrol_car' && c && KEPT_GRIDS.includes(c) && !carIn.has(c)) carIn.set(c, u.id);
    }
    expect([...carIn.keys()].sort()).toEqual(KEPT_GRIDS);
    const kept = new Set(carIn.values());
    // Straight to the table, as another node's changes arrive: no hole sets from these.
    await h.db.prisma.unit.updateMany({
      where: { id: { in: free.filter((u) => !kept.has(u.id)).map((u) => u.id) } },
      data: { status: 'out_of_service', version: { increment: 1 } },
    });
    h.app.services.bus.subscribe((e) => {
      if (e.name.startsWith('move-up:') || e.name === 'standby:updated') events.push(e);
    });
    h.app.services.moveUp.start();
  });
  afterAll(async () => {
    await h?.close();
  });

  const moveUp = () => h.app.services.moveUp;
  const incidentAt = async (unitId: string) => {
    const u = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: unitId } });
    const res = await h.call('dispatcher', {
      method: 'POST',
      url: '/api/incidents',
      payload: {
        type: 'theft',
        priority: 3,
        autoDispatch: false,
        location: { lng: u.lastLng, lat: u.lastLat },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<IncidentDto>().id;
  };
  const decide = (who: string, id: string, what: 'accept' | 'decline', payload: object = {}) =>
    h.call(who, { method: 'POST', url: `/api/move-ups/${id}/${what}`, payload });
  const pendingList = async (who = 'dispatcher') => {
    const res = await h.call(who, { method: 'GET', url: '/api/move-ups' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<MoveUpDto[]>();
  };
  const setSettings = (payload: Partial<MoveUpSettingsDto>) =>
    h.call('admin', {
      method: 'PUT',
      url: '/api/settings/move-up',
      payload: {
        maxMoves: 2,
        minMoveIntervalSeconds: 1800,
        mayLeaveStationArea: false,
        expireAfterSeconds: 600,
        ...payload,
      },
    });
  const inStationArea = async (r: Pick<MoveUpDto, 'unitId' | 'siteGridId'>) => {
    const u = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: r.unitId } });
    return stationArea.get(u.homeGridId!)!.has(r.siteGridId!);
  };
  const gridIdsOf = (codes: readonly string[]) =>
    [...code].filter(([, c]) => codes.includes(c)).map(([id]) => id);
  /** Frees the patrol cars of these grids again, straight in the table (as another node would). */
  const freeCarsOf = async (codes: readonly string[]) => {
    await h.db.prisma.unit.updateMany({
      where: { kind: 'patrol_car', currentGridId: { in: gridIdsOf(codes) }, status: 'out_of_service' },
      data: { status: 'available', version: { increment: 1 } },
    });
  };
  /** Pending recommendations as stored (the list's truth), for a unit or all. */
  const stored = (where: object = {}) =>
    h.db.prisma.moveUpRecommendation.findMany({ where, orderBy: { createdAt: 'asc' } });

  it('dispatching the only free car of a grid recommends moves that restore coverage, in station areas', async () => {
    const car = carIn.get('G15')!;
    const incidentId = await incidentAt(car);
    const before = events.length;
    const sent = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incidentId}/dispatch`,
      payload: { unitIds: [car] },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    first = await moveUp().flush();
    expect(first.length).toBeGreaterThanOrEqual(1);
    expect(first.length).toBeLessThanOrEqual(2);
    const [best] = first;
    // The first move restores 5-minute coverage (the objective), and takes a real drive.
    expect(best!.gainShare5).toBeGreaterThan(0);
    expect(best!.gainShare5).toBeLessThanOrEqual(1);
    for (const r of first) {
      expect(r).toMatchObject({
        status: 'pending',
        trigger: { kind: 'dispatch', unitIds: [car], incidentIds: [incidentId] },
        endReason: null,
        standbyOrderId: null,
      });
      expect(r.travelSeconds).toBeGreaterThan(0);
      expect(r.travelSeconds).toBeLessThanOrEqual(600);
      expect(r.unitId).not.toBe(car);
      expect(await inStationArea(r), `${r.callSign} to ${code.get(r.siteGridId!)}`).toBe(true);
      expect(Date.parse(r.expiresAt) - Date.parse(r.createdAt)).toBe(600_000);
    }
    const announced = events.slice(before).filter((e) => e.name === 'move-up:recommended');
    expect(announced.map((e) => (e.payload as MoveUpDto).id)).toEqual(first.map((r) => r.id));
    for (const e of announced) expect(e.rooms).toEqual(['wall']);
    const audit = await h.db.prisma.auditEvent.findMany({ where: { action: 'move_up.recommend' } });
    expect(audit.map((a) => a.entityId).sort()).toEqual(first.map((r) => r.id).sort());
    expect(audit[0]).toMatchObject({ entityType: 'move_up', actorName: 'system' });
    // Staff screens list them; the shift leader reads but may not decide; unit terminals see nothing.
    expect((await pendingList()).map((r) => r.id)).toEqual(first.map((r) => r.id));
    expect((await pendingList('leader')).length).toBe(first.length);
    expect((await h.call('unit001', { method: 'GET', url: '/api/move-ups' })).statusCode).toBe(403);
    expect((await decide('leader', best!.id, 'accept')).statusCode).toBe(403);

    // The same hole, for planning again below (each version a new trigger; far above the real one).
    const at = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: car } });
    hole = { unitId: car, version: 1000, kind: 'dispatch', incidentId, lngLat: [at.lastLng!, at.lastLat!] };
  });

  it('leaves the station area only when the setting allows it', async () => {
    expect((await setSettings({ mayLeaveStationArea: true })).statusCode).toBe(200);
    const free = await moveUp().plan([hole]);
    expect((await setSettings({})).statusCode).toBe(200);
    const bound = await moveUp().plan([hole]);
    const outside = async (moves: { unitId: string; siteGridId: string | null }[]) =>
      (await Promise.all(moves.map(inStationArea))).filter((inside) => !inside).length;
    expect(await outside(free!.moves)).toBeGreaterThan(0);
    expect(await outside(bound!.moves)).toBe(0);
    expect(bound!.moves.map((m) => [m.unitId, m.siteGridId])).toEqual(
      first.map((r) => [r.unitId, r.siteGridId]),
    );
  });

  it('accepting gives the unit a move-up standby order with the gain, audited; the 30-minute rule then keeps it', async () => {
    const r = first[0]!;
    const before = events.length;
    const res = await decide('dispatcher', r.id, 'accept', { note: '补位' });
    expect(res.statusCode, res.body).toBe(200);
    const { recommendation, order } = res.json<MoveUpAcceptedDto>();
    expect(recommendation).toMatchObject({ id: r.id, status: 'accepted', standbyOrderId: order.id });
    expect(recommendation.decidedById).toBe((await h.login('dispatcher')).userId);
    expect(order).toMatchObject({
      unitId: r.unitId,
      lngLat: r.site,
      reason: 'move_up',
      note: '补位',
      status: 'active',
    });
    expect(order.gain).toBeCloseTo(r.gainShare5, 12);
    const names = events.slice(before).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['standby:updated', 'move-up:decided']));
    const audit = await h.db.prisma.auditEvent.findMany({
      where: { OR: [{ entityId: r.id }, { entityId: r.unitId, action: 'unit.move_up' }] },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((a) => a.action).sort()).toEqual([
      'move_up.accept',
      'move_up.recommend',
      'unit.move_up',
    ]);
    expect((await pendingList()).map((p) => p.id)).not.toContain(r.id);

    // The same hole again: the unit just moved is not moved for 30 minutes ...
    const again = await moveUp().plan([hole]);
    expect(again!.result.excluded).toContainEqual({ unitId: r.unitId, reason: 'moved_recently' });
    expect(again!.moves.map((m) => m.unitId)).not.toContain(r.unitId);
    // ... and may be after (planned as of then: the harness clock would idle-lock the consoles).
    const later = await moveUp().plan([hole], h.clock.ms + 31 * 60_000);
    expect(later!.result.excluded.map((e) => e.unitId)).not.toContain(r.unitId);
  });

  it('declining is audited; a decided recommendation cannot be decided again (MOVE_UP_DECIDED)', async () => {
    // A fresh set for the same hole (another trigger), which supersedes what is pending.
    const pendingBefore = await stored({ status: 'pending' });
    const recs = await moveUp().record((await moveUp().plan([{ ...hole, version: 1001 }]))!);
    expect(recs.length).toBeGreaterThan(0);
    for (const old of pendingBefore) {
      const row = (await stored({ id: old.id }))[0]!;
      if (recs.some((r) => r.unitId === old.unitId))
        expect(row).toMatchObject({ status: 'expired', endReason: 'superseded' });
    }
    const r = recs[0]!;
    const res = await decide('supervisor', r.id, 'decline', { note: '已有安排' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<MoveUpDto>()).toMatchObject({ id: r.id, status: 'declined', standbyOrderId: null });
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'move_up.decline', entityId: r.id },
    });
    expect(audit.after).toMatchObject({ status: 'declined', note: '已有安排' });
    const digest = await h.digest();
    errorOf(await decide('dispatcher', r.id, 'decline'), 409, 'MOVE_UP_DECIDED');
    errorOf(await decide('dispatcher', r.id, 'accept'), 409, 'MOVE_UP_DECIDED');
    errorOf(await decide('dispatcher', '00000000-0000-4000-8000-000000000000', 'accept'), 404, 'NOT_FOUND');
    expect(await h.digest()).toEqual(digest);
  });

  it('two dispatchers accepting at once (on two nodes) make exactly one standby order', async () => {
    const other = await h.secondNode();
    // A unit going out of service is a hole too.
    const gone = carIn.get('G16')!;
    const out = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/units/${gone}/status`,
      payload: { status: 'out_of_service' },
    });
    expect(out.statusCode, out.body).toBe(200);
    const recs = await moveUp().flush();
    expect(recs.length).toBeGreaterThan(0);
    expect(recs[0]!.trigger).toEqual({ kind: 'out_of_service', unitIds: [gone], incidentIds: [] });
    const r = recs[0]!;
    const orders = () => h.db.prisma.standbyOrder.count({ where: { unitId: r.unitId, reason: 'move_up' } });
    const ordersBefore = await orders();
    const token = (await h.login('dispatcher2')).token;
    const replies = await Promise.all([
      decide('dispatcher', r.id, 'accept'),
      other.inject({
        method: 'POST',
        url: `/api/move-ups/${r.id}/accept`,
        payload: {},
        headers: { authorization: `Bearer ${token}` },
      }),
      decide('supervisor', r.id, 'accept'),
    ]);
    const ok = replies.filter((x) => x.statusCode === 200);
    expect(ok).toHaveLength(1);
    for (const x of replies.filter((y) => y.statusCode !== 200)) errorOf(x, 409, 'MOVE_UP_DECIDED');
    expect(await orders()).toBe(ordersBefore + 1);
    expect(await h.db.prisma.auditEvent.count({ where: { action: 'move_up.accept', entityId: r.id } })).toBe(
      1,
    );
  });

  it('refuses a recommendation whose unit is no longer free (UNIT_NOT_AVAILABLE), writing nothing; the sweep then expires it', async () => {
    // The cars left have all moved in the last 30 minutes: more come on duty nearby.
    await freeCarsOf(['G09', 'G10', 'G13', 'G20', 'G21']);
    const recs = await moveUp().record((await moveUp().plan([{ ...hole, version: 1002 }]))!);
    expect(recs.length).toBeGreaterThan(0);
    const r = recs[0]!;
    // Taken on another node: this node heard nothing yet.
    await h.db.prisma.unit.update({
      where: { id: r.unitId },
      data: { status: 'out_of_service', version: { increment: 1 } },
    });
    const digest = await h.digest();
    errorOf(await decide('dispatcher', r.id, 'accept'), 409, 'UNIT_NOT_AVAILABLE');
    expect(await h.digest()).toEqual(digest);
    expect((await pendingList()).map((p) => p.id)).not.toContain(r.id);
    const before = events.length;
    expect(await moveUp().expire()).toBeGreaterThanOrEqual(1);
    expect((await stored({ id: r.id }))[0]).toMatchObject({ status: 'expired', endReason: 'unit_not_free' });
    const decided = events.slice(before).find((e) => (e.payload as MoveUpDto).id === r.id);
    expect(decided?.name).toBe('move-up:decided');
    errorOf(await decide('dispatcher', r.id, 'accept'), 409, 'MOVE_UP_EXPIRED');
    expect(await moveUp().expire()).toBe(0);
    await h.db.prisma.unit.update({
      where: { id: r.unitId },
      data: { status: 'available', version: { increment: 1 } },
    });
  });

  it('expires a pending recommendation after its time; a late accept is MOVE_UP_EXPIRED and writes nothing', async () => {
    const recs = await moveUp().record((await moveUp().plan([{ ...hole, version: 1003 }]))!);
    const r = recs[0]!;
    h.clock.advance(600_000);
    expect((await pendingList()).map((p) => p.id)).not.toContain(r.id);
    const digest = await h.digest();
    errorOf(await decide('dispatcher', r.id, 'accept'), 409, 'MOVE_UP_EXPIRED');
    expect(await h.digest()).toEqual(digest);
    await moveUp().expire();
    expect((await stored({ id: r.id }))[0]).toMatchObject({ status: 'expired', endReason: 'timed_out' });
    expect(await h.db.prisma.auditEvent.count({ where: { action: 'move_up.expire', entityId: r.id } })).toBe(
      1,
    );
  });

  it('gathers a two-car dispatch into one hole set on its own, and ends a move whose unit is dispatched', async () => {
    const cars = (
      await h.db.prisma.unit.findMany({
        where: { kind: 'patrol_car', status: 'available', currentGridId: { in: gridIdsOf(['G09', 'G10']) } },
        orderBy: { callSign: 'asc' },
        take: 2,
      })
    ).map((u) => u.id);
    expect(cars).toHaveLength(2);
    const incidentId = await incidentAt(cars[0]!);
    const before = events.length;
    const sent = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incidentId}/dispatch`,
      payload: { unitIds: cars },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    // No flush: the service's own timer plans the hole set a moment after the dispatch.
    const recommended = () =>
      events
        .slice(before)
        .filter((e) => e.name === 'move-up:recommended')
        .map((e) => e.payload as MoveUpDto);
    await vi.waitFor(() => expect(recommended().length).toBeGreaterThan(0), { timeout: 5_000, interval: 50 });
    const recs = recommended();
    for (const r of recs)
      expect(r.trigger).toEqual({ kind: 'dispatch', unitIds: cars, incidentIds: [incidentId] });
    expect(new Set(recs.map((r) => r.trigger.unitIds.join())).size).toBe(1);
    // The recommended unit is sent elsewhere: its move is withdrawn at once, announced as expired.
    const r = recs[0]!;
    const other = await incidentAt(r.unitId);
    const mark = events.length;
    expect(
      (
        await h.call('dispatcher', {
          method: 'POST',
          url: `/api/incidents/${other}/dispatch`,
          payload: { unitIds: [r.unitId] },
        })
      ).statusCode,
    ).toBe(200);
    await vi.waitFor(
      () =>
        expect(
          events
            .slice(mark)
            .filter((e) => e.name === 'move-up:decided')
            .map((e) => e.payload as MoveUpDto),
        ).toContainEqual(
          expect.objectContaining({ id: r.id, status: 'expired', endReason: 'unit_not_free' }),
        ),
      { timeout: 5_000, interval: 50 },
    );
    await moveUp().flush(); // the hole that dispatch left, so nothing runs on after the test
  });

  it('with two nodes, a hole set seen by both is recorded once, and a unit has one pending move', async () => {
    const other: FastifyInstance = await h.secondNode();
    other.services.moveUp.start();
    const heard: string[] = [];
    for (const node of [h.app, other])
      node.services.bus.subscribe((e) => {
        if (e.name === 'move-up:recommended') heard.push((e.payload as MoveUpDto).id);
      });
    const a = { ...hole, version: 1004 };
    h.app.services.moveUp.enqueue(a);
    other.services.moveUp.enqueue(a);
    const [onA, onB] = await Promise.all([h.app.services.moveUp.flush(), other.services.moveUp.flush()]);
    const rows = await stored({ triggerKey: triggerOf([a]).key });
    expect(rows.length).toBeGreaterThan(0);
    expect([...onA, ...onB].map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(heard.sort()).toEqual(rows.map((r) => r.id).sort());
    // Two different hole sets at once, each wanting the same units: one pending move per unit.
    const [planA, planB] = await Promise.all([
      h.app.services.moveUp.plan([{ ...hole, version: 1005 }]),
      other.services.moveUp.plan([{ ...hole, version: 1006 }]),
    ]);
    const [recA, recB] = await Promise.all([
      h.app.services.moveUp.record(planA!),
      other.services.moveUp.record(planB!),
    ]);
    const shared = recA.filter((r) => recB.some((b) => b.unitId === r.unitId));
    expect(shared.length).toBeGreaterThan(0);
    const pending = await stored({ status: 'pending' });
    expect(new Set(pending.map((p) => p.unitId)).size).toBe(pending.length);
    // The later of the two superseded the earlier one's move of each shared unit.
    const ended = await stored({ unitId: { in: shared.map((r) => r.unitId) }, endReason: 'superseded' });
    expect(ended.length).toBeGreaterThanOrEqual(shared.length);
  });

  it('refuses bad ids, bodies and settings, naming the field', async () => {
    const [r] = await stored();
    errorOf(await decide('dispatcher', 'not-a-uuid', 'accept'), 400, 'VALIDATION_FAILED', 'params.id');
    errorOf(await decide('dispatcher', r!.id, 'accept', { extra: 1 }), 400, 'VALIDATION_FAILED');
    errorOf(
      await decide('dispatcher', r!.id, 'decline', { note: 'x'.repeat(201) }),
      400,
      'VALIDATION_FAILED',
      'body.note',
    );
    errorOf(await setSettings({ maxMoves: 9 }), 400, 'VALIDATION_FAILED', 'body.maxMoves');
    expect(
      (
        await h.call('dispatcher', {
          method: 'PUT',
          url: '/api/settings/move-up',
          payload: {
            maxMoves: 1,
            minMoveIntervalSeconds: 60,
            mayLeaveStationArea: true,
            expireAfterSeconds: 60,
          },
        })
      ).statusCode,
    ).toBe(403);
    const read = await h.call('supervisor', { method: 'GET', url: '/api/settings/move-up' });
    expect(read.json<MoveUpSettingsDto>()).toEqual({
      maxMoves: 2,
      minMoveIntervalSeconds: 1800,
      mayLeaveStationArea: false,
      expireAfterSeconds: 600,
    });
  });

  it('plans nothing for a unit free again by then, and shortlists fewer units per hole in a large set', async () => {
    const free = await h.db.prisma.unit.findFirstOrThrow({
      where: { kind: 'patrol_car', status: 'available' },
    });
    const rows = await h.db.prisma.moveUpRecommendation.count();
    moveUp().enqueue({ ...hole, unitId: free.id, version: 1_000_000 });
    expect(await moveUp().flush()).toEqual([]);
    expect(await h.db.prisma.moveUpRecommendation.count()).toBe(rows);
    expect([1, 2, 3, 4, 6, 9, 20].map(shortlistFor)).toEqual([12, 12, 12, 9, 6, 4, 4]);
  });

  it('turns off with maxMoves 0', async () => {
    expect((await setSettings({ maxMoves: 0 })).statusCode).toBe(200);
    expect(await moveUp().plan([{ ...hole, version: 1007 }])).toBeNull();
    expect((await setSettings({})).statusCode).toBe(200);
  });
});
