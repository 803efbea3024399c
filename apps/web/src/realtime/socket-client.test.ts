import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetStores } from '../test/reset-stores.js';
import { makeIncident } from '../test/fixtures.js';
import { useIncidentsStore } from '../stores/incidents-store.js';
import { connectRealtime, sendPosition, SNAPSHOT_FALLBACK_MS } from './socket-client.js';

/** The socket the client opens: answers `unit:position` with the reply the test sets. */
const fake = vi.hoisted(() => ({
  connected: true,
  active: true,
  recovered: false,
  reply: undefined as unknown,
  handlers: new Map<string, (...args: unknown[]) => void>(),
  on(name: string, handler: (...args: unknown[]) => void) {
    fake.handlers.set(name, handler);
  },
  /** `snapshot:request`s sent. */
  requested: 0,
  timeout: () => ({
    emit: () => {
      fake.requested += 1;
    },
  }),
  removeAllListeners: () => undefined,
  disconnect: () => undefined,
  emit(_name: string, _report: unknown, ack: (reply: unknown) => void) {
    if (fake.reply !== undefined) ack(fake.reply);
  },
}));
vi.mock('socket.io-client', () => ({ io: () => fake }));

describe('reconnecting', () => {
  afterEach(() => {
    fake.recovered = false;
    resetStores();
  });

  it('resyncs what the snapshot lacks after a reconnect the server could not recover, only then', () => {
    const onResync = vi.fn();
    const close = connectRealtime('token', { onResync });
    const connect = () => fake.handlers.get('connect')?.();
    connect(); // the first connection: the server sends its snapshot by itself
    expect(onResync).not.toHaveBeenCalled();
    connect(); // reconnected, state lost
    expect(onResync).toHaveBeenCalledTimes(1);
    fake.recovered = true;
    connect(); // reconnected, missed events replayed by the server
    expect(onResync).toHaveBeenCalledTimes(1);
    close();
  });
});

describe('the snapshot of a connection', () => {
  beforeEach(() => {
    fake.requested = 0;
  });
  afterEach(() => {
    resetStores();
    vi.useRealTimers();
  });
  const snapshot = (ids: string[]) => ({
    serverTime: 0,
    timeZone: 'Asia/Shanghai',
    incidents: ids.map((id) => makeIncident({ id })),
    units: [],
    grids: [],
  });

  it('is not asked for again on a reconnect (the server pushes one), only when it never comes', async () => {
    vi.useFakeTimers();
    const close = connectRealtime('token');
    const connect = () => fake.handlers.get('connect')?.();
    connect();
    fake.handlers.get('snapshot')?.(snapshot([]));
    connect(); // reconnected, state lost: the server's snapshot is on its way
    expect(fake.requested).toBe(0);
    fake.handlers.get('snapshot')?.(snapshot([]));
    await vi.advanceTimersByTimeAsync(SNAPSHOT_FALLBACK_MS);
    expect(fake.requested).toBe(0);
    connect(); // and this time none comes
    await vi.advanceTimersByTimeAsync(SNAPSHOT_FALLBACK_MS);
    expect(fake.requested).toBe(1);
    close();
  });

  it('keeps an incident created while it was read: the event came first, the snapshot lacks it', () => {
    const close = connectRealtime('token');
    fake.handlers.get('connect')?.();
    fake.handlers.get('incident:created')?.(makeIncident({ id: 'new' }));
    fake.handlers.get('snapshot')?.(snapshot(['old']));
    expect(Object.keys(useIncidentsStore.getState().byId).sort()).toEqual(['new', 'old']);
    // A later snapshot without it is the server's word: it is gone.
    fake.handlers.get('snapshot')?.(snapshot(['old']));
    expect(Object.keys(useIncidentsStore.getState().byId)).toEqual(['old']);
    close();
  });
});

describe('sendPosition', () => {
  let close: (() => void) | null = null;
  afterEach(() => {
    close?.();
    resetStores();
    vi.useRealTimers();
  });
  const report = { lng: 120.15, lat: 30.25 };

  it('tells a report taken from one the server refused (overloaded) and one not answered in time', async () => {
    close = connectRealtime('token');
    fake.reply = { ok: true };
    expect(await sendPosition(report)).toBe('sent');
    fake.reply = { ok: false, error: { code: 'OVERLOADED', message: 'behind' } };
    expect(await sendPosition(report)).toBe('refused');
    vi.useFakeTimers();
    fake.reply = undefined; // no answer within 5 s
    const pending = sendPosition(report);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await pending).toBe('unknown');
  });

  it('is offline without a connected socket', async () => {
    close = connectRealtime('token');
    fake.connected = false;
    expect(await sendPosition(report)).toBe('offline');
    fake.connected = true;
  });
});
