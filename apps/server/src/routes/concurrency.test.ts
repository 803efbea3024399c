import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createHarness, unitLogins, type Harness } from '../test/app-harness.js';

interface Reply {
  status: number;
  body: { error?: { code: string } } & Record<string, unknown>;
}

// Many dispatchers (and several server nodes) racing over one database, through real sockets.
describe(`concurrent dispatch (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let nodeA: string;
  let nodeB: string;
  let second: FastifyInstance;
  let token: string;
  let location: { lng: number; lat: number };

  beforeAll(async () => {
    h = await createHarness();
    second = await h.secondNode();
    nodeA = await h.app.listen({ host: '127.0.0.1', port: 0 });
    nodeB = await second.listen({ host: '127.0.0.1', port: 0 });
    token = (await h.login('dispatcher')).token;
    const unit = await h.db.prisma.unit.findFirstOrThrow({
      where: { status: 'available', kind: 'patrol_car' },
    });
    location = { lng: unit.lastLng!, lat: unit.lastLat! };
  });
  afterAll(async () => {
    await h?.close();
  });

  const post = async (base: string, path: string, payload: unknown, auth = token): Promise<Reply> => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
      body: JSON.stringify(payload),
    });
    return { status: res.status, body: (await res.json()) as Reply['body'] };
  };
  const createIncidents = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const res = await post(nodeA, '/api/incidents', { type: 'theft', priority: 3, location });
      expect(res.status).toBe(201);
      ids.push(res.body.id as string);
    }
    return ids;
  };
  const freeUnit = async (skip: string[] = []) =>
    h.db.prisma.unit.findFirstOrThrow({
      where: { status: 'available', kind: 'patrol_car', id: { notIn: skip } },
      orderBy: { callSign: 'asc' },
    });
  const activeAssignments = (unitId: string) =>
    h.db.prisma.assignment.findMany({
      where: { unitId, status: { in: ['assigned', 'accepted', 'en_route', 'on_scene'] } },
    });
  const codes = (replies: Reply[]) =>
    replies.map((r) => (r.status === 200 ? 'ok' : `${r.status} ${r.body.error?.code}`));

  it('20 incidents sending the same unit at once: exactly one wins', async () => {
    const incidents = await createIncidents(20);
    const unit = await freeUnit();
    const replies = await Promise.all(
      incidents.map((id) => post(nodeA, `/api/incidents/${id}/dispatch`, { unitIds: [unit.id] })),
    );
    const outcome = codes(replies);
    expect(outcome.filter((c) => c === 'ok')).toHaveLength(1);
    expect(outcome.filter((c) => c === '409 UNIT_ALREADY_ASSIGNED')).toHaveLength(19);
    const active = await activeAssignments(unit.id);
    expect(active).toHaveLength(1);
    const winner = incidents[replies.findIndex((r) => r.status === 200)];
    expect(active[0]!.incidentId).toBe(winner);
    expect((await h.db.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).status).toBe('assigned');
    const losers = await h.db.prisma.incident.findMany({
      where: { id: { in: incidents.filter((i) => i !== winner) } },
    });
    expect(losers.every((i) => i.status === 'received' && i.firstDispatchedAt === null)).toBe(true);
    expect(await h.db.prisma.auditEvent.count({ where: { entityId: unit.id, action: 'unit.status' } })).toBe(
      1,
    );
  });

  it('two server nodes on one database: exactly one wins', async () => {
    const incidents = await createIncidents(12);
    const unit = await freeUnit();
    const replies = await Promise.all(
      incidents.map((id, i) =>
        post(i % 2 ? nodeB : nodeA, `/api/incidents/${id}/dispatch`, { unitIds: [unit.id] }),
      ),
    );
    const outcome = codes(replies);
    expect(outcome.filter((c) => c === 'ok')).toHaveLength(1);
    expect(outcome.filter((c) => c === '409 UNIT_ALREADY_ASSIGNED')).toHaveLength(11);
    expect(await activeAssignments(unit.id)).toHaveLength(1);
  });

  it('crossed requests for the same two units neither deadlock nor split the pair', async () => {
    const incidents = await createIncidents(6);
    const a = await freeUnit();
    const b = await freeUnit([a.id]);
    const replies = await Promise.all(
      incidents.map((id, i) =>
        post(i % 2 ? nodeB : nodeA, `/api/incidents/${id}/dispatch`, {
          unitIds: i % 2 ? [b.id, a.id] : [a.id, b.id],
        }),
      ),
    );
    const outcome = codes(replies);
    expect(outcome.filter((c) => c === 'ok')).toHaveLength(1);
    expect(
      outcome.filter((c) => c === '409 UNIT_ALREADY_ASSIGNED'),
      outcome.join(),
    ).toHaveLength(5);
    const [activeA, activeB] = [await activeAssignments(a.id), await activeAssignments(b.id)];
    expect(activeA).toHaveLength(1);
    expect(activeB).toHaveLength(1);
    expect(activeA[0]!.incidentId).toBe(activeB[0]!.incidentId);
  });

  it('two dispatchers sending the plan to one incident at once send it once', async () => {
    const res = await post(nodeA, '/api/incidents', { type: 'fight', priority: 2, location });
    const id = res.body.id as string;
    const replies = await Promise.all([
      post(nodeA, `/api/incidents/${id}/dispatch`, { auto: true }),
      post(nodeB, `/api/incidents/${id}/dispatch`, { auto: true }),
      post(nodeA, `/api/incidents/${id}/dispatch`, { auto: true }),
    ]);
    expect(replies.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    for (const r of replies.filter((x) => x.status !== 200)) {
      expect(['UNIT_NOT_AVAILABLE', 'NO_CANDIDATES']).toContain(r.body.error?.code);
    }
    const active = await h.db.prisma.assignment.findMany({
      where: { incidentId: id, status: { in: ['assigned', 'accepted', 'en_route', 'on_scene'] } },
    });
    // The fight plan's first tier is two responders; racing clicks never send more.
    expect(active).toHaveLength(2);
  });

  it('one assignment stepped in parallel moves once', async () => {
    const [incident] = await createIncidents(1);
    const unit = await freeUnit();
    const sent = await post(nodeA, `/api/incidents/${incident}/dispatch`, { unitIds: [unit.id] });
    const assignmentId = (sent.body.assignments as { id: string }[])[0]!.id;
    const login = (await unitLogins(h.db)).get(unit.id)!;
    const unitToken = (await h.login(login)).token;
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        post(
          i % 2 ? nodeB : nodeA,
          `/api/assignments/${assignmentId}/actions`,
          { action: 'en_route' },
          unitToken,
        ),
      ),
    );
    const outcome = codes(replies);
    expect(outcome.filter((c) => c === 'ok')).toHaveLength(1);
    expect(outcome.filter((c) => c === '409 ILLEGAL_TRANSITION' || c === '409 CONFLICT')).toHaveLength(7);
    expect(
      await h.db.prisma.auditEvent.count({
        where: { entityId: assignmentId, action: 'assignment.en_route' },
      }),
    ).toBe(1);
  });
});
