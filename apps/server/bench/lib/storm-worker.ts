/**
 * A child process of the reconnect-storm benchmark: holds unit terminals and staff screens, each
 * on its own Socket.IO connection, reconnecting as the web client does (socket.io's own retry,
 * and the snapshot the server pushes on every connection it did not recover). It records when
 * each client last received a consistent snapshot: a unit's holds exactly its own unit, a staff
 * screen's the whole fleet. As the web client (apps/web/src/realtime/socket-client.ts), it waits
 * for the snapshot the server pushes and asks only when none came in 30 s, and an incident an
 * event brought while that snapshot was on its way stays though the snapshot lacks it. Staff screens also keep the incident ids they know (snapshot, then
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
  /** Snapshots asked for because the pushed one had not come in SNAPSHOT_FALLBACK_MS. */
  requested: number;
  /**
   * Incidents an event brought while a staff screen's snapshot was on its way that the snapshot
   * lacked (read before they were committed): each would be lost without the client keeping it.
   */
  overtaken: number;
  /** Snapshots that listed an incident or a unit twice. */
  doubled: number;
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
  /** Incidents events brought since a connection began, until its snapshot (null: none awaited). */
  sinceConnect: Set<string> | null;
}

/** As apps/web/src/realtime/socket-client.ts. */
const SNAPSHOT_FALLBACK_MS = 30_000;

const held: Held[] = [];
let fleetSize = 0;
let inconsistent = 0;
let snapshots = 0;
let requested = 0;
let overtaken = 0;
let doubled = 0;
let disconnects: Record<string, number> = {};
let connectErrors: Record<string, number> = {};
const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);

function consistent(h: Held, snapshot: SnapshotEvent): boolean {
  if (h.client.unitId) return snapshot.units.length === 1 && snapshot.units[0]!.id === h.client.unitId;
  return snapshot.units.length === fleetSize;
}

function onSnapshot(h: Held, snapshot: SnapshotEvent) {
  snapshots += 1;
  const ids = [...snapshot.incidents, ...snapshot.units].map((x) => x.id);
  if (new Set(ids).size !== ids.length) doubled += 1;
  if (!consistent(h, snapshot)) {
    inconsistent += 1;
    return;
  }
  const keep = h.sinceConnect ?? new Set<string>();
  h.sinceConnect = null;
  if (!h.client.unitId) {
    h.incidents = new Set(snapshot.incidents.map((i) => i.id));
    for (const id of keep) {
      if (!h.incidents.has(id)) overtaken += 1;
      h.incidents.add(id);
    }
  }
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
    const h: Held = { client, socket, snapshotAt: null, incidents: new Set(), sinceConnect: null };
    let connectedBefore = false;
    let fallback: NodeJS.Timeout | undefined;
    socket.on('snapshot', (s) => onSnapshot(h, s));
    socket.on('incident:created', (i) => {
      h.incidents.add(i.id);
      h.sinceConnect?.add(i.id);
    });
    socket.on('connect', () => {
      // As apps/web/src/realtime/socket-client.ts: the server pushes a snapshot on a connection
      // it did not recover; ask only if it never comes.
      if (!socket.recovered) {
        h.sinceConnect = new Set();
        clearTimeout(fallback);
        fallback = setTimeout(() => {
          if (!socket.connected || h.sinceConnect === null) return;
          requested += 1;
          socket.emit('snapshot:request', (reply) => {
            if (reply.ok && reply.value) onSnapshot(h, reply.value as SnapshotEvent);
          });
        }, SNAPSHOT_FALLBACK_MS);
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
    requested,
    overtaken,
    doubled,
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
        requested = 0;
        overtaken = 0;
        doubled = 0;
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
