import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, SessionUserDto } from '@dispatch/contracts';
import { createHarness, errorOf, PASSWORDS, type Harness } from '../test/app-harness.js';

describe(`auth (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const login = (username: string, password: string) =>
    h.call(null, { method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const me = (authorization?: string) =>
    h.app.inject({ method: 'GET', url: '/api/auth/me', headers: authorization ? { authorization } : {} });

  it('logs in every demo role and says who the token belongs to', async () => {
    const expected: Record<string, string> = {
      admin: 'admin',
      dispatcher: 'dispatcher',
      dispatcher2: 'dispatcher',
      leader: 'shift_leader',
      supervisor: 'supervisor',
      unit001: 'unit',
    };
    for (const [username, role] of Object.entries(expected)) {
      const res = await login(username, PASSWORDS[username] ?? 'unit123');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<LoginResponse>();
      expect(body.user).toMatchObject({ username, role });
      expect(body.user.unitId !== null).toBe(role === 'unit');
      const who = await me(`Bearer ${body.token}`);
      expect(who.statusCode).toBe(200);
      expect(who.json<SessionUserDto>()).toEqual(body.user);
      const claims = h.app.jwt.decode<{ sub: string; role: string; unitId: string | null; exp: number }>(
        body.token,
      )!;
      expect(claims).toMatchObject({ sub: body.user.id, role, unitId: body.user.unitId });
      expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
    }
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = errorOf(await login('admin', 'admin124'), 401, 'UNAUTHENTICATED');
    const unknown = errorOf(await login('nobody', 'admin123'), 401, 'UNAUTHENTICATED');
    expect(wrong.message).toBe(unknown.message);
  });

  it('refuses missing, malformed, forged, expired, exp-less and session-less tokens', async () => {
    const { token } = await h.login('dispatcher');
    const [header, payload] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'x', username: 'x', role: 'admin', unitId: null })).toString('base64url')}.${token.split('.')[2]}`;
    const admin = await h.login('admin');
    const { sid } = h.app.jwt.decode<{ sid: string }>(admin.token)!;
    const claims = { sub: admin.userId, username: 'admin', role: 'admin' as const, unitId: null, sid };
    const now = Math.floor(Date.now() / 1000);
    const sign = (extra: Record<string, unknown>) => h.app.jwt.sign(extra as never);
    // A real user's claims and session, signed with the right key...
    expect((await me(`Bearer ${sign({ ...claims, exp: now + 60 })}`)).statusCode).toBe(200);
    // ...but expired, without `exp` (accepted forever on main), or naming no session.
    const expired = sign({ ...claims, iat: now - 7200, exp: now - 3600 });
    const noExp = h.app.jwt.sign(claims);
    expect(h.app.jwt.decode<{ exp?: number }>(noExp)!.exp).toBeUndefined();
    const { sid: _sid, ...noSid } = claims;
    const withoutSession = sign({ ...noSid, exp: now + 60 });
    const unknownSession = sign({ ...claims, sid: '00000000-0000-4000-8000-000000000000', exp: now + 60 });
    for (const authorization of [
      undefined,
      'Bearer',
      `Bearer ${header}.${payload}`,
      `Bearer ${forged}`,
      `Bearer ${expired}`,
      `Bearer ${noExp}`,
      `Bearer ${withoutSession}`,
      token,
    ]) {
      errorOf(await me(authorization), 401, 'UNAUTHENTICATED');
    }
    errorOf(await me(`Bearer ${unknownSession}`), 401, 'SESSION_ENDED');
  });

  it('refuses on REST a token whose user is no longer stored (checked per request)', async () => {
    const user = await h.db.prisma.user.create({
      data: { username: 'temp.user', passwordHash: 'x', role: 'dispatcher' },
    });
    const session = await h.app.services.sessions.start(user);
    const token = h.app.issueToken(user, session);
    expect((await me(`Bearer ${token}`)).statusCode).toBe(200);
    await h.db.prisma.session.deleteMany({ where: { userId: user.id } });
    await h.db.prisma.user.delete({ where: { id: user.id } });
    // The per-node cache holds a check for a few seconds; past it, the token is refused.
    h.clock.advance(6_000);
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/units',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(401);
  });

  it('shuts out a disabled user, at login and with a token already issued', async () => {
    // A user no earlier test has used: active users are re-checked only every few seconds.
    const { token } = await h.login('unit050');
    await h.db.prisma.user.update({ where: { username: 'unit050' }, data: { disabled: true } });
    errorOf(await login('unit050', 'unit123'), 401, 'UNAUTHENTICATED');
    errorOf(await me(`Bearer ${token}`), 401, 'UNAUTHENTICATED');
    const list = await h.app.inject({
      method: 'GET',
      url: '/api/units',
      headers: { authorization: `Bearer ${token}` },
    });
    errorOf(list, 401, 'UNAUTHENTICATED');
  });
});
