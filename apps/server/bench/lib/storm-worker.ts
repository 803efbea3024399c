/**
 * A child process of the reconnect-storm benchmark: holds unit terminals and staff screens, each
 * on its own Socket.IO connection, reconnecting as the web client does (socket.io's own retry,
 * plus a fresh `snapshot:request` after a reconnect the server could not recover). It records when
 * each client last received a consistent snapshot: a unit's holds exactly its own unit, a staff
 * screen's the whole fleet. Staff screens also keep the incident ids they know (snapshot, then
 * `incident:created`), so the benchmark can check that nothing created during the storm was lost
 * between a snapshot and the subscription.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, SnapshotEvent } from '@dispatch/contracts';
import { clock } from './stats.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface StormClient {
  url: string;
  token: string;
  /** The unit of a terminal; null for a staff screen. */
  unitId: string | null;
}

export type StormCommand =
  | { type: 'connect'; clients: StormClient[]; fleetSize: number; concurrency: number }
  /** Forget every client's snapshot: the next one counts (sent before a restart). */
  | { type: 'arm' }
  | { type: 'wait'; timeoutMs: number }
  | { type: 'missing'; incidentIds: string[] }
  | { type: 'ping'; t0: number }
  | { type: 'exit' };

export interface StormResult {
  /** Per client that got one since `arm`: when its first consistent snapshot arrived (worker clock). */
  snapshotAt: number[];
  /** Clients without a consistent snapshot since `arm`. */
  waiting: number;
  /** Snapshots that were not consistent with the client (wrong unit, fleet incomplete). */
  inconsistent: number;
  disconnects: Record<string, number>;
  connectErrors: Record<string, number>;
  /** Snapshots received in all since `arm` (pushed on connect plus requested). */
  snapshots: number;
}

export type StormMessage =
  | { type: 'connected'; sockets: number; ms: number }
  | { type: 'armed' }
  | { type: 'result'; result: StormResult }
  | { type: 'missing'; perScreen: number[] }
  | { type: 'pong'; t0: number; t1: number }
  | { type: 'error'; message: string };

const send = (message: StormMessage) => process.send?.(message);

interface Held {
  client: StormClient;
  socket: ClientSocket;
  snapshotAt: number | null;
  incidents: Set<string>;
}

const held: Held[] = [];
let fleetSize = 0;
let inconsistent = 0;
let snapshots = 0;
let disconnects: Record<string, number> = {};
let connectErrors: Record<string, number> = {};
const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);

function consistent(h: Held, snapshot: SnapshotEvent): boolean {
  if (h.client.unitId) return snapshot.units.length === 1 && snapshot.units[0]!.id === h.client.unitId;
  return snapshot.units.length === fleetSize;
}

function onSnapshot(h: Held, snapshot: SnapshotEvent) {
  snapshots += 1;
  if (!consistent(h, snapshot)) {
    inconsistent += 1;
    return;
  }
  if (!h.client.unitId) h.incidents = new Set(snapshot.incidents.map((i) => i.id));
  h.snapshotAt ??= clock();
}

function open(client: StormClient): Promise<Held> {
  return new Promise((resolve, reject) => {
    // socket.io-client's defaults (1-5 s backoff, randomized), as the web client uses them.
    const socket: ClientSocket = io(client.url, {
      auth: { token: client.token },
      transports: ['websocket'],
      timeout: 60_000,
    });
    const h: Held = { client, socket, snapshotAt: null, incidents: new Set() };
    let connectedBefore = false;
    socket.on('snapshot', (s) => onSnapshot(h, s));
    socket.on('incident:created', (i) => h.incidents.add(i.id));
    socket.on('connect', () => {
      // As apps/web/src/realtime/socket-client.ts: a reconnect that lost events asks again.
      if (connectedBefore && !socket.recovered) {
        socket.emit('snapshot:request', (reply) => {
          if (reply.ok && reply.value) onSnapshot(h, reply.value as SnapshotEvent);
        });
      }
      if (!connectedBefore) resolve(h);
      connectedBefore = true;
    });
    socket.on('disconnect', (reason) => {
      // As the web client: no reconnect of its own after 'io server disconnect'.
      count(disconnects, reason);
    });
    socket.on('connect_error', (e) => {
      count(connectErrors, e.message);
      if (!connectedBefore && e.message === 'UNAUTHENTICATED') reject(e);
      // Refused by the middleware (e.g. while the node starts): socket.io does not retry these.
      else if (!socket.active) setTimeout(() => socket.connect(), 5000);
    });
  });
}

async function connect(cmd: Extract<StormCommand, { type: 'connect' }>) {
  fleetSize = cmd.fleetSize;
  const started = clock();
  let next = 0;
  const lanes = Array.from({ length: cmd.concurrency }, async () => {
    while (next < cmd.clients.length) held.push(await open(cmd.clients[next++]!));
  });
  await Promise.all(lanes);
  send({ type: 'connected', sockets: held.length, ms: clock() - started });
}

function result(): StormResult {
  const snapshotAt = held.flatMap((h) => (h.snapshotAt === null ? [] : [h.snapshotAt]));
  return {
    snapshotAt,
    waiting: held.length - snapshotAt.length,
    inconsistent,
    disconnects,
    connectErrors,
    snapshots,
  };
}

async function wait(timeoutMs: number) {
  const until = clock() + timeoutMs;
  while (held.some((h) => h.snapshotAt === null) && clock() < until) {
    await new Promise((r) => setTimeout(r, 20));
  }
  send({ type: 'result', result: result() });
}

process.on('disconnect', () => process.exit(0));
process.on('message', (raw) => {
  const cmd = raw as StormCommand;
  const run = async () => {
    switch (cmd.type) {
      case 'connect':
        return connect(cmd);
      case 'arm':
        for (const h of held) h.snapshotAt = null;
        inconsistent = 0;
        snapshots = 0;
        disconnects = {};
        connectErrors = {};
        return send({ type: 'armed' });
      case 'wait':
        return wait(cmd.timeoutMs);
      case 'missing': {
        const screens = held.filter((h) => !h.client.unitId);
        const perScreen = screens.map((h) => cmd.incidentIds.filter((id) => !h.incidents.has(id)).length);
        return send({ type: 'missing', perScreen });
      }
      case 'ping':
        return send({ type: 'pong', t0: cmd.t0, t1: clock() });
      case 'exit':
        for (const h of held) h.socket.disconnect();
        setTimeout(() => process.exit(0), 100);
        return;
    }
  };
  run().catch((error: unknown) => send({ type: 'error', message: String((error as Error)?.stack ?? error) }));
});
