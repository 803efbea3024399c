import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test/app-harness.js';
import type { ServiceContext } from './context.js';
import { SessionService } from './session-service.js';

describe(`session checks after a restart (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let sessions: SessionService;
  /** Session lookups the service under test made. */
  let lookups = 0;

  beforeAll(async () => {
    h = await createHarness();
    const prisma = h.db.prisma;
    const counting = new Proxy(prisma, {
      get(target, model: string) {
        const delegate = Reflect.get(target, model) as unknown;
        if (model !== 'session') return delegate;
        return new Proxy(delegate as object, {
          get(d, method: string) {
            const fn = Reflect.get(d, method) as unknown;
            if (typeof fn !== 'function') return fn;
            return (...args: unknown[]) => {
              if (method.startsWith('find')) lookups += 1;
              return (fn as (...a: unknown[]) => unknown).apply(d, args);
            };
          },
        });
      },
    });
    const ctx: ServiceContext = { ...h.app.services.ctx, prisma: counting };
    // A fresh service: an empty cache, as on a node that just started.
    sessions = new SessionService(ctx, h.app.services.sessions.policy);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('checks the handshakes of terminals reconnecting at once with one lookup, each on its own row', async () => {
    const users = await h.db.prisma.user.findMany({ where: { role: 'unit' }, take: 40 });
    const started = await Promise.all(users.map((u) => h.app.services.sessions.start(u)));
    await h.app.services.sessions.end(started[0]!.id, 'logout');
    lookups = 0;
    const checks = await Promise.allSettled(
      [...started, { id: '00000000-0000-0000-0000-000000000000', userId: users[1]!.id }].map((s) =>
        sessions.check(s.id, s.userId, false),
      ),
    );
    // One by one, a node just up made a query per handshake: 2,000 for 2,000 terminals.
    expect(lookups).toBe(1);
    expect(checks[0]).toMatchObject({ status: 'rejected', reason: { error: { code: 'SESSION_ENDED' } } });
    expect(checks.at(-1)).toMatchObject({ status: 'rejected', reason: { error: { code: 'SESSION_ENDED' } } });
    checks.slice(1, -1).forEach((c, i) => {
      expect(c).toMatchObject({ status: 'fulfilled', value: { id: started[i + 1]!.id, role: 'unit' } });
    });
    // Cached from then on.
    await sessions.check(started[1]!.id, started[1]!.userId, false);
    expect(lookups).toBe(1);
  });
});
