/**
 * Socket.IO connection: authenticates with the session token, feeds every event to the stores
 * (via `eventHandlers`) and recovers by itself: socket.io reconnects with back-off; when the
 * server could not recover the session state we ask for a fresh snapshot; when the server
 * refused the connection we retry on a timer (a restarting server may refuse briefly).
 */
import type { ClientToServerEvents, PositionReport, ServerToClientEvents } from '@dispatch/contracts';
import { io, type Socket } from 'socket.io-client';
import { useUiStore } from '../stores/ui-store.js';
import { applySnapshot, awaitingSnapshot, eventHandlers, expectSnapshot } from './apply-events.js';

export type DispatchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const RETRY_AFTER_REFUSAL_MS = 5000;
/**
 * The server pushes a snapshot on every connection it did not recover; only when none came this
 * long after connecting do we ask (asking at once doubled the snapshots of a reconnect storm).
 */
export const SNAPSHOT_FALLBACK_MS = 30_000;

let current: DispatchSocket | null = null;

/** Asks the server for a snapshot and applies it. */
export function requestSnapshot(socket: DispatchSocket): void {
  socket.timeout(10_000).emit('snapshot:request', (err, reply) => {
    if (!err && reply?.ok && reply.value) applySnapshot(reply.value);
  });
}

export interface RealtimeOptions {
  /** The server refused the connection (its message). */
  onRefused?: (message: string) => void;
  /** Reconnected without the server's recovery: state not in the snapshot must be fetched again. */
  onResync?: () => void;
}

/** Opens the realtime connection; returns a function that closes it. */
export function connectRealtime(token: string, { onRefused, onResync }: RealtimeOptions = {}): () => void {
  const socket: DispatchSocket = io({
    path: '/socket.io',
    auth: { token },
    transports: ['websocket', 'polling'],
  });
  current = socket;
  const ui = useUiStore.getState();
  ui.setConnection('connecting');
  let connectedBefore = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let fallback: ReturnType<typeof setTimeout> | undefined;

  for (const [name, handler] of Object.entries(eventHandlers)) {
    socket.on(name as keyof ServerToClientEvents, handler as never);
  }
  socket.on('connect', () => {
    useUiStore.getState().setConnection('online');
    if (!socket.recovered) {
      // The server sends a snapshot on this connection by itself; ask only if it never comes.
      expectSnapshot();
      clearTimeout(fallback);
      fallback = setTimeout(() => {
        if (socket.connected && awaitingSnapshot()) requestSnapshot(socket);
      }, SNAPSHOT_FALLBACK_MS);
      if (connectedBefore) onResync?.();
    }
    connectedBefore = true;
  });
  socket.on('disconnect', () => useUiStore.getState().setConnection('offline'));
  socket.on('connect_error', (error) => {
    useUiStore.getState().setConnection('offline');
    if (!socket.active) {
      // Refused by the server's middleware (e.g. token unknown after a restart): socket.io does
      // not retry these by itself.
      onRefused?.(error.message);
      clearTimeout(retry);
      retry = setTimeout(() => socket.connect(), RETRY_AFTER_REFUSAL_MS);
    }
  });

  return () => {
    clearTimeout(retry);
    clearTimeout(fallback);
    socket.removeAllListeners();
    socket.disconnect();
    if (current === socket) current = null;
  };
}

/**
 * What became of a position report: taken; refused by the server (invalid, or it is overloaded:
 * sending it again another way would be refused alike); not sent (no connected socket); or sent
 * with no answer in 5 s (a slow server may well have taken it: not sent again).
 */
export type PositionDelivery = 'sent' | 'refused' | 'offline' | 'unknown';

/** Sends the unit terminal's own position over the socket. */
export function sendPosition(report: PositionReport): Promise<PositionDelivery> {
  const socket = current;
  if (!socket?.connected) return Promise.resolve('offline');
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('unknown'), 5000);
    socket.emit('unit:position', report, (reply) => {
      clearTimeout(timer);
      resolve(reply.ok ? 'sent' : 'refused');
    });
  });
}
