import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@dispatch/contracts';
import type { Socket } from 'socket.io-client';
import { createHarness, errorOf, unitLogins, type Harness } from '../test/app-harness.js';

// When the database falls behind, position reports are refused (503 OVERLOADED, Retry-After)
// instead of piling up in memory until the server falls over. A small limit makes it visible.
describe(`position ingest back-pressure (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let units: string[];
  let logins: Map<string, string>;
  let url: string;

  beforeAll(async () => {
    // No background flush: the backlog only drains when the test flushes.
    h = await createHarness({ config: { positionMaxPending: 5 } });
    logins = await unitLogins(h.db);
    units = [...logins.keys()].slice(0, 8);
    url = await h.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await h?.close();
  });

  const batch = (ids: string[]) =>
    h.call('admin', {
      method: 'POST',
      url: '/api/units/positions',
      payload: { reports: ids.map((unitId, i) => ({ unitId, lng: 120.1 + i * 1e-4, lat: 30.25 })) },
    });
  const single = (unitId: string) =>
    h.call('admin', {
      method: 'POST',
      url: `/api/units/${unitId}/position`,
      payload: { lng: 120.1, lat: 30.25 },
    });

  it('refuses reports past the backlog limit, writing none of them, and takes them again once written', async () => {
    const { positions } = h.app.services;
    const before = await h.db.prisma.positionSample.count();

    // A batch bigger than the room left is refused whole.
    const tooMany = await batch(units.slice(0, 6));
    errorOf(tooMany, 503, 'OVERLOADED');
    expect(tooMany.headers['retry-after']).toBe('1');
    expect(positions.backlog).toBe(0);

    expect((await batch(units.slice(0, 3))).statusCode).toBe(202);
    expect((await single(units[3]!)).statusCode).toBe(202);
    expect((await single(units[4]!)).statusCode).toBe(202);
    expect(positions.backlog).toBe(5);
    errorOf(await single(units[5]!), 503, 'OVERLOADED');

    // A terminal reporting over its socket hears the same, in its ack (the web terminal does
    // not send it again through REST; it reports again at its next interval).
    const unit = await h.login(logins.get(units[6]!)!);
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      transports: ['websocket'],
      auth: { token: unit.token },
      forceNew: true,
    });
    try {
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      expect(await socket.emitWithAck('unit:position', { lng: 120.1, lat: 30.25 })).toMatchObject({
        ok: false,
        error: { code: 'OVERLOADED' },
      });

      // Once the backlog is written, reports are taken again.
      await positions.flush();
      expect(positions.backlog).toBe(0);
      expect(await socket.emitWithAck('unit:position', { lng: 120.1, lat: 30.25 })).toEqual({ ok: true });
      expect((await batch(units.slice(0, 3))).statusCode).toBe(202);
    } finally {
      socket.disconnect();
    }
    await positions.flush();
    // Exactly what was accepted was written: 5, then 1 over the socket and 3 more.
    expect(await h.db.prisma.positionSample.count()).toBe(before + 9);
    expect(positions.stats.refused).toBe(6 + 1 + 1);
  });
});
