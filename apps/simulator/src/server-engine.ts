/**
 * `--engine server` (and live mode): the real server over its public REST API and Socket.IO.
 * The call-taker logs in as a dispatcher; every crewed unit logs in as its own unit user and
 * reports its GPS over its own socket.
 *
 * Headless runs on the stepped clock take what they can out of the server's real-time
 * behaviour; what they cannot is listed in the README ("What varies against the real server"):
 * - before each decision every unit that moved reports where it is at that simulated instant
 *   (acknowledged), and the run waits until the wall's position batch (sent on the server's own
 *   1 s timer) shows all of them, plus a pause for the database write (250 ms timer) and the
 *   ranking's warm-up, so the server ranks on this instant's positions;
 * - a new step starts only after the previous step's last reply, in a later millisecond, and its
 *   real start time is recorded, so the server's timestamps (real time) map back onto the
 *   simulated clock exactly.
 * Live runs report GPS at most `maxReportHz` per real second per unit, as terminals would.
 */
import type { ClientToServerEvents, ServerToClientEvents, UnitDto } from '@dispatch/contracts';
import { generateDemoCity, type Hotspot } from '@dispatch/demo-city';
import { buildRoadNetwork, type RoadFeatureCollection } from '@dispatch/routing';
import { io, type Socket } from 'socket.io-client';
import { ApiClient } from './api-client.js';
import { patrolVertices, pointInPolygon, type GridPolygon } from './city-geometry.js';
import type { ConsoleEvents } from './console-port.js';
import type { CrewedUnit, Engine } from './engine.js';
import { fleetOnDuty } from './fleet.js';
import type { GpsFix, UnitAgent } from './unit-agent.js';
import type { World } from './world.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ServerEngineOptions {
  url: string;
  dispatcherUser: string;
  dispatcherPassword: string;
  unitPassword: string;
  loginConcurrency: number;
  /** At most this many unit terminals (unit001...); the other free units are booked off duty. */
  terminals?: number;
  /** Of those, log in only this share, chosen by `seed` (fleet.ts); default all. */
  fleetShare?: number;
  seed?: number;
  /** Live: simulated seconds per real second (GPS at 1 Hz simulated time when slower). */
  speed: number;
  /** Live: GPS reports per unit per real second, at most. */
  maxReportHz: number;
  log: (line: string) => void;
}

/** After the wall has shown the reported positions: the database write and the ranking's warm-up. */
const SETTLE_AFTER_POSITIONS_MS = 300;
const POSITIONS_TIMEOUT_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A socket that presents the client's current token on every (re)connect. */
function connect(url: string, api: ApiClient): ClientSocket {
  return io(url, {
    auth: (cb) => cb({ token: api.token }),
    transports: ['websocket'],
    reconnectionDelayMax: 5000,
  });
}

async function connected(socket: ClientSocket, timeoutMs = 60_000): Promise<void> {
  if (socket.connected) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket connect timeout')), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The socket as the agents hear it. */
function eventsOf(socket: ClientSocket): ConsoleEvents {
  return { on: (name, handler) => void socket.on(name as never, handler as never) };
}

export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Hot spots of the demo city that lie on this server's map (none for a foreign city). */
function hotspotsOnMap(grids: readonly { polygon: GridPolygon }[]): Hotspot[] {
  return generateDemoCity().hotspots.filter((h) => grids.some((g) => pointInPolygon(h.lngLat, g.polygon)));
}

const keyOf = (lngLat: readonly number[]) => `${lngLat[0]},${lngLat[1]}`;

function positionReport(fix: GpsFix, realNow: number) {
  const heading = fix.headingDeg === null ? undefined : Math.min(359.9, Math.max(0, fix.headingDeg));
  return {
    lng: fix.lngLat[0],
    lat: fix.lngLat[1],
    ...(heading === undefined ? {} : { headingDeg: heading }),
    speedMps: Math.min(99, Math.round(fix.speedMps * 10) / 10),
    at: new Date(realNow).toISOString(),
  };
}

export async function openServerEngine(options: ServerEngineOptions): Promise<Engine> {
  const log = options.log;
  let lastReplyReal = 0;
  const noteReplies = <T>(work: () => Promise<T>) => work().finally(() => (lastReplyReal = Date.now()));
  const dispatcherApi = new ApiClient(options.url);
  dispatcherApi.wrapRequest = noteReplies;
  await dispatcherApi.login(options.dispatcherUser, options.dispatcherPassword);
  const [roads, grids, units] = await Promise.all([
    dispatcherApi.roads(),
    dispatcherApi.grids(),
    dispatcherApi.units(),
  ]);
  const network =
    roads.features.length > 0 ? buildRoadNetwork(roads as unknown as RoadFeatureCollection) : null;
  const gridShapes = grids.map((g) => ({
    id: g.id,
    polygon: g.polygon as GridPolygon,
    station: g.stationName,
  }));

  // Every unit terminal logs in with its own account (unit001..); off-duty units stay home.
  const unitById = new Map(units.map((u) => [u.id, u]));
  const logins = Math.min(options.terminals ?? units.length, units.length);
  const onDuty = fleetOnDuty(logins, options.fleetShare ?? 1, options.seed ?? 0);
  const usernames = [...onDuty].sort((a, b) => a - b).map((i) => `unit${String(i + 1).padStart(3, '0')}`);
  // Each terminal logs in and opens its socket in turn (the server sends every new socket a
  // snapshot, so connecting all at once would only queue them).
  const terminals = await mapLimit(usernames, options.loginConcurrency, async (username) => {
    const api = new ApiClient(options.url);
    api.wrapRequest = noteReplies;
    try {
      await api.login(username, options.unitPassword);
    } catch (error) {
      log(`login ${username} failed: ${(error as Error).message}`);
      return null;
    }
    const unit = api.user?.unitId ? unitById.get(api.user.unitId) : undefined;
    if (!unit || unit.status === 'off_duty' || unit.status === 'out_of_service' || !unit.position)
      return null;
    const socket = connect(options.url, api);
    await connected(socket);
    return { api, unit, socket };
  });
  const crewedTerminals = terminals.filter((t): t is NonNullable<typeof t> => t !== null);
  if (options.terminals !== undefined || onDuty.size < units.length) {
    const crewed = new Set(crewedTerminals.map((t) => t.unit.id));
    const uncrewed = units.filter((u) => !crewed.has(u.id) && u.status === 'available');
    await mapLimit(uncrewed, 4, (u) => dispatcherApi.setUnitStatus(u.id, 'off_duty'));
    log(`${uncrewed.length} units without a simulated crew booked off duty`);
  }
  const wall = connect(options.url, dispatcherApi);
  await connected(wall);
  const socketOf = new Map(crewedTerminals.map((t) => [t.unit.id, t.socket]));

  // What the wall has been shown of each unit (the server ranks on the same batches).
  const shown = new Map<string, string>();
  let shownChanged: () => void = () => undefined;
  wall.on('unit:positions', ({ positions }) => {
    for (const p of positions) shown.set(p.id, keyOf(p.lngLat));
    shownChanged();
  });
  const waitShown = async (expected: ReadonlyMap<string, string>) => {
    const done = () => [...expected].every(([id, key]) => shown.get(id) === key);
    const deadline = Date.now() + POSITIONS_TIMEOUT_MS;
    while (!done()) {
      if (Date.now() > deadline) throw new Error('the wall never showed the reported positions');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        shownChanged = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };

  let world: World | null = null;
  let agents: readonly UnitAgent[] = [];
  let toSim: (realMs: number) => number = (realMs) => realMs;
  const lastSent = new Map<string, string>();
  const lastReportReal = new Map<string, number>();
  const reportEveryMs = Math.max(1000 / options.speed, 1000 / options.maxReportHz);

  const crews: CrewedUnit[] = crewedTerminals.map(({ api, unit, socket }) => ({
    unit: unit as UnitDto,
    terminal: api,
    events: eventsOf(socket),
  }));

  return {
    name: 'server',
    network,
    places: patrolVertices(roads.features),
    grids: gridShapes,
    hotspots: hotspotsOnMap(gridShapes),
    dispatcher: dispatcherApi,
    dispatcherEvents: eventsOf(wall),
    crews,
    start(w, a) {
      world = w;
      agents = a;
      // Spread the live terminals' reports over the interval instead of all in one tick.
      const now = Date.now();
      agents.forEach((agent, i) => lastReportReal.set(agent.id, now - (i / agents.length) * reportEveryMs));
    },
    useTimeMapping(mapping) {
      toSim = mapping;
    },
    tick(realNow) {
      if (!world) return;
      const simNow = world.clock.now();
      for (const agent of agents) {
        if (realNow - (lastReportReal.get(agent.id) ?? 0) < reportEveryMs) continue;
        const socket = socketOf.get(agent.id);
        if (!socket?.connected) continue; // dropped, not queued, while disconnected
        lastReportReal.set(agent.id, realNow);
        socket.volatile.emit('unit:position', positionReport(agent.position(simNow), realNow));
      }
    },
    async beforeDecision() {
      if (!world || world.mode !== 'stepped') return;
      const simNow = world.clock.now();
      const moved = new Map<string, string>();
      const reports: Promise<unknown>[] = [];
      for (const agent of agents) {
        const fix = agent.position(simNow);
        const key = keyOf(fix.lngLat);
        const socket = socketOf.get(agent.id);
        if (lastSent.get(agent.id) === key || !socket) continue;
        moved.set(agent.id, key);
        reports.push(
          socket
            .timeout(POSITIONS_TIMEOUT_MS)
            .emitWithAck('unit:position', positionReport(fix, Date.now()))
            .then((reply) => {
              if (!reply.ok) throw new Error(`${agent.callSign}: position refused: ${reply.error.message}`);
              lastSent.set(agent.id, key);
            }),
        );
      }
      if (moved.size === 0) return;
      await Promise.all(reports);
      await waitShown(moved);
      await sleep(SETTLE_AFTER_POSITIONS_MS);
    },
    async beforeStep() {
      // A step's requests start in a later millisecond than the last reply of the one before.
      while (Date.now() <= lastReplyReal) await sleep(1);
    },
    async incidentTimes(ids) {
      const records = await mapLimit(ids, 8, (id) => dispatcherApi.incident(id));
      const sim = (iso: string | null) => (iso ? toSim(Date.parse(iso)) : null);
      return records.map((i) => ({
        receivedAt: sim(i.receivedAt)!,
        firstDispatchedAt: sim(i.firstDispatchedAt),
        firstOnSceneAt: sim(i.firstOnSceneAt),
      }));
    },
    async stop() {
      for (const t of crewedTerminals) t.socket.disconnect();
      wall.disconnect();
    },
  };
}
