/**
 * Failover drill: two server processes on one PostgreSQL and Redis behind a round-robin balancer,
 * unit terminals and staff screens spread over both, calls being taken and units sent; one node is
 * killed with SIGKILL mid-load. Its clients must be back (through the balancer, on the other node)
 * within seconds, and every call and assignment a client was told about must exist exactly once.
 * Needs real PostgreSQL and Redis (CI has both); PGlite cannot be shared by two processes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { AssignmentDto, IncidentDto, LoginResponse, UnitDto } from '@dispatch/contracts';
import { DEMO_STAFF, DEMO_UNIT_PASSWORD } from './demo/seed-demo.js';
import { startBalancer, type Balancer } from './test/tcp-balancer.js';
import { startServerNode, type ServerNode } from './test/server-process.js';

const pgUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

const UNITS = 24;
const STAFF = ['dispatcher', 'dispatcher2', 'leader', 'supervisor'];
const CALLS_BEFORE_KILL = 6;
const CALLS_AFTER_KILL = 8;

interface Client {
  name: string;
  unitId: string | null;
  socket: Socket;
  /** Epoch ms of each `snapshot` received. */
  snapshots: number[];
  /** Assignment ids heard as `assignment:created`, or found in a snapshot. */
  heard: Set<string>;
}

describe.skipIf(!pgUrl || !redisUrl)('failover drill: kill -9 one of two nodes mid-load', () => {
  let dbName = '';
  let dbUrl = '';
  const nodes: ServerNode[] = [];
  let lb: Balancer;
  let base = '';
  const clients: Client[] = [];

  beforeAll(async () => {
    dbName = `dispatch_drill_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const url = new URL(pgUrl!);
    url.pathname = `/${dbName}`;
    dbUrl = url.toString();
    const env = {
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl!,
      DEMO: '1',
      JWT_SECRET: randomUUID() + randomUUID(),
    };
    // The first node migrates and seeds; the second joins the seeded database.
    nodes.push(await startServerNode(env));
    nodes.push(await startServerNode(env));
    lb = await startBalancer(nodes.map((n) => n.port));
    base = `http://127.0.0.1:${lb.port}`;
  }, 240_000);

  afterAll(async () => {
    for (const c of clients) c.socket.disconnect();
    await lb?.close();
    await Promise.all(nodes.map((n) => n.kill('SIGTERM')));
    if (dbName) {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
    }
  });

  /** A request through the balancer, tried again while its answer is lost (as the console does). */
  const call = async <T>(token: string | null, method: string, path: string, body?: unknown) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(base + path, {
          method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (res.status >= 502 && attempt < 20) throw new Error(`HTTP ${res.status}`);
        return { status: res.status, body: (await res.json()) as T };
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  };

  const login = async (username: string, password: string) => {
    const res = await call<LoginResponse>(null, 'POST', '/api/auth/login', { username, password });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  const connectClient = (name: string, session: LoginResponse): Promise<Client> => {
    const socket = io(base, {
      auth: { token: session.token },
      transports: ['websocket'],
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
    });
    const client: Client = { name, unitId: session.user.unitId, socket, snapshots: [], heard: new Set() };
    socket.on('snapshot', (s: { incidents: IncidentDto[] }) => {
      client.snapshots.push(Date.now());
      for (const i of s.incidents)
        for (const a of i.assignments) if (a.unitId === client.unitId) client.heard.add(a.id);
    });
    socket.on('assignment:created', (a: AssignmentDto) => client.heard.add(a.id));
    clients.push(client);
    return new Promise((resolve) => socket.once('snapshot', () => resolve(client)));
  };

  it("moves the killed node's clients to the other within seconds, losing and doubling nothing", async () => {
    for (const s of DEMO_STAFF.filter((d) => STAFF.includes(d.username)))
      await connectClient(s.username, await login(s.username, s.password));
    const units: Client[] = [];
    for (let i = 1; i <= UNITS; i++) {
      const name = `unit${String(i).padStart(3, '0')}`;
      units.push(await connectClient(name, await login(name, DEMO_UNIT_PASSWORD)));
    }
    const spread = lb.open();
    expect(
      [...spread.values()].every((n) => n >= clients.length / 3),
      JSON.stringify([...spread]),
    ).toBe(true);

    const dispatcher = (
      await login('dispatcher2', DEMO_STAFF.find((d) => d.username === 'dispatcher2')!.password)
    ).token;
    const acknowledgedCalls = new Map<string, string>(); // id -> number
    const acknowledgedAssignments = new Map<string, string>(); // assignment id -> unit id
    const free = units.map((u) => u.unitId!);
    let taken = 0;
    /** One call as a call-taker takes it: the save (retried with its id), then one of our units sent. */
    const takeCall = async () => {
      const id = randomUUID();
      const unit = await call<UnitDto>(dispatcher, 'GET', `/api/units/${free[0]}`);
      const [lng, lat] = unit.body.position!.lngLat;
      const created = await call<IncidentDto>(dispatcher, 'POST', '/api/incidents', {
        id,
        type: 'theft',
        priority: 3,
        location: { lng: lng + 0.001, lat },
      });
      expect([200, 201], JSON.stringify(created.body)).toContain(created.status);
      acknowledgedCalls.set(id, created.body.number);
      const unitId = free.shift()!;
      for (let attempt = 0; attempt < 5; attempt++) {
        const sent = await call<{ assignments: AssignmentDto[] }>(
          dispatcher,
          'POST',
          `/api/incidents/${id}/dispatch`,
          {
            unitIds: [unitId],
          },
        );
        if (sent.status === 200) {
          for (const a of sent.body.assignments) acknowledgedAssignments.set(a.id, a.unitId);
          break;
        }
        // 409 after a lost answer: the first try went through; it is checked in the database below.
        expect(sent.status, JSON.stringify(sent.body)).toBe(409);
        break;
      }
      taken += 1;
    };

    while (taken < CALLS_BEFORE_KILL) await takeCall();
    const victim = nodes[0]!;
    const onVictim = lb.open().get(victim.port)!;
    expect(onVictim).toBeGreaterThan(0);
    // Calls keep coming while the node dies.
    const load = (async () => {
      while (taken < CALLS_BEFORE_KILL + CALLS_AFTER_KILL) await takeCall();
    })();
    await new Promise((r) => setTimeout(r, 150));
    const killedAt = Date.now();
    await victim.kill('SIGKILL');
    await load;

    // Everyone is back with a fresh snapshot, on the surviving node.
    const deadline = Date.now() + 20_000;
    while (
      Date.now() < deadline &&
      !clients.every((c) => c.socket.connected && c.snapshots.at(-1)! >= killedAt)
    )
      await new Promise((r) => setTimeout(r, 100));
    const moved = clients.filter((c) => c.snapshots.at(-1)! >= killedAt);
    const lastBack = Math.max(...moved.map((c) => c.snapshots.find((t) => t >= killedAt)!));
    console.log(
      `failover drill: ${onVictim} of ${clients.length} clients were on the killed node; all ${clients.length} ` +
        `connected with a fresh snapshot ${((lastBack - killedAt) / 1000).toFixed(1)} s after kill -9; ` +
        `${acknowledgedCalls.size} calls, ${acknowledgedAssignments.size} assignments acknowledged`,
    );
    expect(clients.filter((c) => !c.socket.connected).map((c) => c.name)).toEqual([]);
    expect(lb.open().get(victim.port)).toBe(0);
    expect(lastBack - killedAt).toBeLessThan(15_000);

    // Nothing acknowledged is lost or doubled.
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    try {
      const ids = [...acknowledgedCalls.keys()];
      const incidents = await db.query<{ id: string; number: string }>(
        'SELECT id, number FROM incident WHERE id = ANY($1::text[])',
        [ids],
      );
      expect(new Map(incidents.rows.map((r) => [r.id, r.number]))).toEqual(acknowledgedCalls);
      const creates = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM audit_event WHERE action = 'incident.create' AND entity_id = ANY($1::text[])`,
        [ids],
      );
      expect(Number(creates.rows[0]!.n)).toBe(ids.length);
      const assignments = await db.query<{ id: string; unit_id: string; incident_id: string }>(
        'SELECT id, unit_id, incident_id FROM assignment WHERE incident_id = ANY($1::text[])',
        [ids],
      );
      // One unit per call, each call's unit once, and every acknowledged assignment among them.
      expect(assignments.rows.length).toBe(ids.length);
      expect(new Set(assignments.rows.map((r) => r.incident_id)).size).toBe(ids.length);
      const stored = new Map(assignments.rows.map((r) => [r.id, r.unit_id]));
      for (const [id, unitId] of acknowledgedAssignments) expect(stored.get(id)).toBe(unitId);
      // Each unit heard of its assignment: pushed, or in the snapshot it got back with.
      for (const row of assignments.rows) {
        const unit = units.find((u) => u.unitId === row.unit_id)!;
        expect(unit.heard.has(row.id), `${unit.name} never heard of ${row.id}`).toBe(true);
      }
    } finally {
      await db.end();
    }
  }, 180_000);
});
