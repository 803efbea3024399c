import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import {
  ROOMS,
  type AssignmentDto,
  type ClockBreachEvent,
  type ClientToServerEvents,
  type GridDto,
  type IncidentDto,
  type ServerToClientEvents,
  type SnapshotEvent,
  type UnitPositionsEvent,
} from '@dispatch/contracts';
import { createHarness, unitLogins, type Harness } from '../test/app-harness.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
interface Received {
  name: string;
  payload: unknown;
  at: number;
}

describe(`realtime (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let url: string;
  const clients: Client[] = [];
  const logs = new Map<Client, Received[]>();

  beforeAll(async () => {
    // Background on: positions are flushed and broadcast by the server's own timers.
    h = await createHarness({ background: true });
    url = await h.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.disconnect();
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await h?.close();
  });

  const open = (token: string | undefined, options: { reconnectionDelay?: number } = {}): Client => {
    const socket: Client = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: token === undefined ? {} : { token },
      reconnectionDelay: options.reconnectionDelay ?? 100,
      reconnectionDelayMax: 200,
      forceNew: true,
    });
    const log: Received[] = [];
    socket.onAny((name: string, payload: unknown) => log.push({ name, payload, at: Date.now() }));
    logs.set(socket, log);
    clients.push(socket);
    return socket;
  };
  /** Resolves with the first event `name` (already received or to come) matching `match`. */
  const next = <T>(socket: Client, name: string, match: (payload: T) => boolean = () => true, from = 0) =>
    new Promise<T>((resolve, reject) => {
      const log = logs.get(socket)!;
      const timer = setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`no ${name} event; got ${log.map((e) => e.name).join(', ')}`));
      }, 8_000);
      const poll = setInterval(() => {
        const hit = log.slice(from).find((e) => e.name === name && match(e.payload as T));
        if (!hit) return;
        clearInterval(poll);
        clearTimeout(timer);
        resolve(hit.payload as T);
      }, 10);
    });
  const connect = async (username: string) => {
    const socket = open((await h.login(username)).token);
    const snapshot = await next<SnapshotEvent>(socket, 'snapshot');
    return { socket, snapshot };
  };
  const namesOf = (socket: Client) => logs.get(socket)!.map((e) => e.name);

  it('checks the token at the handshake and sends a snapshot on connect', async () => {
    for (const token of [undefined, 'not-a-jwt', `${(await h.login('dispatcher')).token}x`]) {
      const socket = open(token);
      const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
      expect(error.message).toBe('UNAUTHENTICATED');
      expect(socket.connected).toBe(false);
      socket.disconnect();
    }
    const { snapshot } = await connect('dispatcher');
    expect(snapshot.serverTime).toBe(h.clock.ms);
    expect(snapshot.units).toHaveLength(await h.db.prisma.unit.count());
    expect(snapshot.grids).toHaveLength(await h.db.prisma.grid.count());
  });

  it('sends incident and assignment events to the wall, and a unit only its own assignment', async () => {
    const wall = (await connect('dispatcher')).socket;
    const me = await h.login('unit001');
    const mine = (await connect('unit001')).socket;
    const otherLogin = 'unit002';
    const other = await h.login(otherLogin);
    const theirs = (await connect(otherLogin)).socket;
    const unit = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: me.unitId! } });

    const created = await h.call('dispatcher', {
      method: 'POST',
      url: '/api/incidents',
      payload: { type: 'theft', priority: 3, location: { lng: unit.lastLng, lat: unit.lastLat } },
    });
    const incident = created.json<IncidentDto>();
    await next<IncidentDto>(wall, 'incident:created', (i) => i.id === incident.id);
    const sent = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/dispatch`,
      payload: { unitIds: [me.unitId] },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const onWall = await next<AssignmentDto>(wall, 'assignment:created', (a) => a.incidentId === incident.id);
    const own = await next<AssignmentDto>(mine, 'assignment:created', (a) => a.incidentId === incident.id);
    expect(own).toEqual(onWall);
    expect(own.unitId).toBe(me.unitId);
    const updated = await next<IncidentDto>(mine, 'incident:updated', (i) => i.id === incident.id);
    expect(updated.status).toBe('dispatched');

    // The other unit's own assignment arrives after everything above: by then it would have
    // seen unit001's events if they had leaked to it.
    const second = await h.call('dispatcher', {
      method: 'POST',
      url: '/api/incidents',
      payload: {
        type: 'theft',
        priority: 3,
        location: { lng: unit.lastLng, lat: unit.lastLat },
        autoDispatch: false,
      },
    });
    await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${second.json<IncidentDto>().id}/dispatch`,
      payload: { unitIds: [other.unitId] },
    });
    await next<AssignmentDto>(theirs, 'assignment:created', (a) => a.unitId === other.unitId);
    const leaked = logs
      .get(theirs)!
      .filter((e) => e.name !== 'snapshot')
      .filter(
        (e) =>
          JSON.stringify(e.payload).includes(me.unitId!) || JSON.stringify(e.payload).includes(incident.id),
      );
    expect(leaked).toEqual([]);
    expect(namesOf(theirs)).not.toContain('incident:created');
    expect(namesOf(mine)).not.toContain('incident:created');
  });

  it('ingests a position sent over the socket like a REST report and batches positions to the wall', async () => {
    const wall = (await connect('dispatcher')).socket;
    const me = await h.login('unit001');
    const mine = (await connect('unit001')).socket;
    const other = await h.login('unit003');
    const base = h.clock.ms;
    const report = (i: number) => ({
      lng: 120.1 + i * 0.0001,
      lat: 30.25,
      speedMps: 8,
      headingDeg: 90,
      at: new Date(base + i * 1000).toISOString(),
    });

    const bad = await mine.emitWithAck('unit:position', { lng: 120.1, lat: 95 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'body.lat' } });
    // A NUL in any event payload is refused before a handler runs, naming the field (as on REST).
    const nul = await mine.emitWithAck('unit:position', { ...report(0), at: `${report(0).at}\u0000` });
    expect(nul).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'body.at' } });
    const nulKey = await mine.emitWithAck('unit:position', { ...report(0), ['x\u0000']: 1 } as never);
    expect(nulKey).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'body.x\\u0000' } });
    const extra = await mine.emitWithAck('unit:position', { ...report(0), note: 'x' } as never);
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const staff = await wall.emitWithAck('unit:position', { lng: 120.1, lat: 30 });
    expect(staff).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const from = logs.get(wall)!.length;
    const samplesBefore = await h.db.prisma.positionSample.count({ where: { unitId: me.unitId! } });
    const sent = 25;
    for (let i = 0; i < sent; i += 1) {
      expect(await mine.emitWithAck('unit:position', report(i))).toEqual({ ok: true });
      // A second unit reports through REST at the same time: both land in the same batches.
      const rest = await h.call('unit003', {
        method: 'POST',
        url: `/api/units/${other.unitId}/position`,
        payload: report(i),
      });
      expect(rest.statusCode).toBe(202);
      await new Promise((r) => setTimeout(r, 100));
    }
    const last = report(sent - 1);
    await next<UnitPositionsEvent>(
      wall,
      'unit:positions',
      (b) => b.positions.some((p) => p.id === me.unitId && p.at === last.at),
      from,
    );
    const batches = logs
      .get(wall)!
      .slice(from)
      .filter((e) => e.name === 'unit:positions');
    // 50 reports over a few seconds arrive as a handful of batches, at most one a second,
    // each carrying a unit once (its latest report).
    expect(batches.length).toBeLessThan(sent);
    for (let i = 1; i < batches.length; i += 1) {
      expect(batches[i]!.at - batches[i - 1]!.at).toBeGreaterThanOrEqual(900);
    }
    for (const b of batches) {
      const ids = (b.payload as UnitPositionsEvent).positions.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(namesOf(mine)).not.toContain('unit:positions');

    await h.app.services.positions.flush();
    expect(await h.db.prisma.positionSample.count({ where: { unitId: me.unitId! } })).toBe(
      samplesBefore + sent,
    );
    const row = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: me.unitId! } });
    expect([row.lastLng, row.lastLat, row.lastPositionAt?.toISOString()]).toEqual([
      last.lng,
      last.lat,
      last.at,
    ]);
  });

  it('recovers missed events after a dropped connection, and sends a snapshot to a new session', async () => {
    const { socket: wall } = await connect('dispatcher');
    const unit = await h.db.prisma.unit.findFirstOrThrow({ where: { status: 'available' } });
    const location = { lng: unit.lastLng, lat: unit.lastLat };
    const create = async () =>
      (
        await h.call('dispatcher', {
          method: 'POST',
          url: '/api/incidents',
          payload: { type: 'noise', priority: 4, location, autoDispatch: false },
        })
      ).json<IncidentDto>();
    const first = await create();
    await next<IncidentDto>(wall, 'incident:created', (i) => i.id === first.id);

    // The transport drops (network loss) and an incident is created before the client is back.
    // Reconnection is left to the test so that the event is surely missed while away.
    const snapshotsBefore = namesOf(wall).filter((n) => n === 'snapshot').length;
    wall.io.reconnection(false);
    const disconnected = new Promise((r) => wall.once('disconnect', r));
    wall.io.engine.close();
    await disconnected;
    const missed = await create();
    const reconnected = new Promise<void>((r) => wall.once('connect', () => r()));
    wall.connect();
    await reconnected;
    expect(wall.recovered).toBe(true);
    await next<IncidentDto>(wall, 'incident:created', (i) => i.id === missed.id);
    expect(namesOf(wall).filter((n) => n === 'snapshot')).toHaveLength(snapshotsBefore);

    // A client that cannot be recovered (a reloaded page, a session past its recovery window)
    // starts a new session: it gets a fresh snapshot holding what it missed.
    wall.disconnect();
    const later = await create();
    const { socket: again, snapshot } = await connect('dispatcher');
    expect(again.recovered).toBe(false);
    expect(snapshot.incidents.map((i) => i.id)).toEqual(
      expect.arrayContaining([first.id, missed.id, later.id]),
    );

    const asked = await again.emitWithAck('snapshot:request');
    expect(asked.ok).toBe(true);
    expect((asked as { value: SnapshotEvent }).value.incidents.map((i) => i.id)).toContain(later.id);
  });
  it('does not replay position batches to a recovered wall: it sends where every unit is now', async () => {
    const { socket: wall } = await connect('dispatcher');
    const { socket: watcher } = await connect('supervisor');
    const me = await h.login('unit002');
    wall.io.reconnection(false);
    const disconnected = new Promise((r) => wall.once('disconnect', r));
    wall.io.engine.close();
    await disconnected;
    // While the wall is away the unit moves; a wall that stayed sees the batch go out.
    const from = logs.get(watcher)!.length;
    const moved = { lng: 120.1234, lat: 30.2567, at: new Date(h.clock.ms).toISOString() };
    const res = await h.call('unit002', {
      method: 'POST',
      url: `/api/units/${me.unitId}/position`,
      payload: moved,
    });
    expect(res.statusCode).toBe(202);
    const away = await next<UnitPositionsEvent>(
      watcher,
      'unit:positions',
      (b) => b.positions.some((p) => p.id === me.unitId),
      from,
    );

    const back = logs.get(wall)!.length;
    const reconnected = new Promise<void>((r) => wall.once('connect', () => r()));
    wall.connect();
    await reconnected;
    expect(wall.recovered).toBe(true);
    const now = await next<UnitPositionsEvent>(wall, 'unit:positions', () => true, back);
    // Not the batch it missed: every unit with a known position, this one where it is now.
    const located = await h.db.prisma.unit.count({ where: { lastPositionAt: { not: null } } });
    expect(now.positions).toHaveLength(located);
    expect(now.positions.length).toBeGreaterThan(away.positions.length);
    expect(now.positions.find((p) => p.id === me.unitId)).toMatchObject({
      lngLat: [moved.lng, moved.lat],
      at: moved.at,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(
      logs
        .get(wall)!
        .slice(back)
        .filter((e) => e.name === 'unit:positions'),
    ).toHaveLength(1);
  });
  it('pushes a 1-3-5 clock breach to the wall, not to units', async () => {
    const { socket: wall } = await connect('dispatcher');
    const { socket: mine } = await connect('unit001');
    const unit = await h.db.prisma.unit.findFirstOrThrow({ where: { status: 'available' } });
    const incident = (
      await h.call('dispatcher', {
        method: 'POST',
        url: '/api/incidents',
        payload: {
          type: 'theft',
          priority: 3,
          location: { lng: unit.lastLng, lat: unit.lastLat },
          autoDispatch: false,
        },
      })
    ).json<IncidentDto>();
    h.clock.advance(60_000);
    await h.app.services.clocks.tick();
    const breach = await next<ClockBreachEvent>(wall, 'clock:breach', (b) => b.incidentId === incident.id);
    expect(breach).toEqual({
      incidentId: incident.id,
      incidentNumber: incident.number,
      clock: 'dispatch',
      targetSeconds: 60,
      deadline: Date.parse(incident.receivedAt) + 60_000,
    });
    expect(await h.db.prisma.clockBreach.count({ where: { incidentId: incident.id } })).toBe(1);
    expect(namesOf(mine)).not.toContain('clock:breach');
  });
  it('gives a unit terminal a snapshot of its own unit and incidents, and staff screens the whole city', async () => {
    const me = await h.login('unit001');
    const unit = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: me.unitId! } });
    const mineActive = await h.db.prisma.incident.findMany({
      where: { assignments: { some: { unitId: unit.id } }, status: { notIn: ['closed', 'cancelled'] } },
    });
    const { snapshot: terminal } = await connect('unit001');
    expect(terminal.units.map((u) => u.id)).toEqual([unit.id]);
    expect(terminal.grids).toEqual([]);
    for (const incident of mineActive) expect(terminal.incidents.map((i) => i.id)).toContain(incident.id);
    for (const incident of terminal.incidents) {
      expect(incident.assignments.some((a) => a.unitId === unit.id)).toBe(true);
    }

    // Several staff screens connecting together (a wall of screens after a restart) may share
    // one build; each still gets the whole picture.
    const screens = await Promise.all(['dispatcher', 'dispatcher2', 'supervisor'].map((u) => connect(u)));
    const unitCount = await h.db.prisma.unit.count();
    for (const { snapshot } of screens) {
      expect(snapshot.units).toHaveLength(unitCount);
      expect(snapshot.grids).toHaveLength(await h.db.prisma.grid.count());
    }
  });

  it('sends incidents in a grid to staff screens, never to a grid room; internal events to no client', async () => {
    // Every room broadcast of this node, whichever publisher (incident, unit, grid, clock) sent it.
    const broadcast = vi.spyOn(h.app.io.of('/').adapter, 'broadcast');
    const logins = await unitLogins(h.db);
    const [listener, moved] = await h.db.prisma.unit.findMany({
      where: {
        status: 'available',
        kind: 'patrol_car',
        lastLng: { not: null },
        id: { in: [...logins.keys()] },
      },
      orderBy: { callSign: 'desc' },
      take: 2,
    });
    const wall = (await connect('dispatcher')).socket;
    const unrelated = (await connect(logins.get(listener!.id)!)).socket;
    const location = { lng: listener!.lastLng, lat: listener!.lastLat };
    const create = async () =>
      (
        await h.call('dispatcher', {
          method: 'POST',
          url: '/api/incidents',
          payload: { type: 'theft', priority: 3, location, autoDispatch: false },
        })
      ).json<IncidentDto>();

    // Sent first, so every client's later events prove it would have arrived by then.
    const [grid] = await h.app.services.grids.list();
    const probe: GridDto = { ...grid!, name: 'internal probe' };
    h.app.services.bus.publish([{ name: 'grid:updated', payload: probe, internal: true }]);
    // An event that names no audience is a bug of its publisher, not a silent "internal".
    expect(() => h.app.services.bus.publish([{ name: 'grid:updated', payload: probe, rooms: [] }])).toThrow(
      /no rooms/,
    );

    const incident = await create();
    expect(incident.gridId).not.toBeNull();
    const onWall = await next<IncidentDto>(wall, 'incident:created', (i) => i.id === incident.id);
    expect(onWall.gridId).toBe(incident.gridId);
    h.clock.advance(60_000);
    await h.app.services.clocks.tick();
    await next<ClockBreachEvent>(wall, 'clock:breach', (b) => b.incidentId === incident.id);
    const otherGrid = (
      await h.db.prisma.grid.findFirstOrThrow({ where: { id: { not: moved!.currentGridId! } } })
    ).id;
    const move = await h.call('supervisor', {
      method: 'POST',
      url: `/api/units/${moved!.id}/grid`,
      payload: { gridId: otherGrid },
    });
    expect(move.statusCode, move.body).toBe(200);
    await next<GridDto>(wall, 'grid:updated', (g) => g.id === otherGrid);

    // The unrelated unit's own assignment comes last: anything leaked to it would be there by now.
    const own = await create();
    await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${own.id}/dispatch`,
      payload: { unitIds: [listener!.id] },
    });
    await next<AssignmentDto>(unrelated, 'assignment:created', (a) => a.incidentId === own.id);
    await next<AssignmentDto>(wall, 'assignment:created', (a) => a.incidentId === own.id);
    const heard = logs.get(unrelated)!.filter((e) => e.name !== 'snapshot');
    expect(heard.filter((e) => JSON.stringify(e.payload).includes(incident.id))).toEqual([]);
    expect(heard.map((e) => e.name)).not.toContain('incident:created');
    expect(heard.map((e) => e.name)).not.toContain('grid:updated');
    for (const socket of [wall, unrelated]) {
      expect(logs.get(socket)!.filter((e) => JSON.stringify(e.payload).includes(probe.name))).toEqual([]);
    }

    const sent = broadcast.mock.calls.map(([packet, options]) => ({
      name: (packet.data as unknown[])[0] as string,
      payload: (packet.data as unknown[])[1],
      rooms: [...options.rooms],
    }));
    expect(sent.map((e) => e.name)).toEqual(
      expect.arrayContaining(['incident:created', 'clock:breach', 'unit:updated', 'grid:updated']),
    );
    expect(sent.flatMap((e) => e.rooms).filter((room) => room.startsWith('grid:'))).toEqual([]);
    expect(sent.filter((e) => e.rooms.length === 0)).toEqual([]);
    expect(sent.filter((e) => JSON.stringify(e.payload).includes(probe.name))).toEqual([]);
    expect(sent.find((e) => e.name === 'incident:created')?.rooms).toEqual([ROOMS.wall]);
  });
  it('closes with sockets open, and they reconnect by themselves (a restart, not a sign-off)', async () => {
    const node = await h.secondNode();
    const nodeUrl = await node.listen({ host: '127.0.0.1', port: 0 });
    const socket: Client = io(nodeUrl, {
      transports: ['websocket'],
      auth: { token: (await h.login('dispatcher')).token },
      reconnection: false,
      forceNew: true,
    });
    clients.push(socket);
    await new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));
    const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    // Before the fix the node's close waited for its websockets (and a SIGTERM never exited).
    const closed = await Promise.race([
      node.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still open'), 5_000)),
    ]);
    expect(closed).toBe('closed');
    // 'io server disconnect' would be the server ending the session: socket.io would not retry.
    expect(await reason).toBe('transport close');
  });
});
