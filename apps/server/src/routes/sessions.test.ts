import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generate } from 'otplib';
import type { LoginResponse } from '@dispatch/contracts';
import { createHarness, errorOf, PASSWORDS, type Harness } from '../test/app-harness.js';

const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const MINUTE = 60_000;

describe(`sign-in and sessions (${engine})`, () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const login = (
    username: string,
    password = PASSWORDS[username] ?? 'unit123',
    remoteAddress = '127.0.0.1',
  ) =>
    h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  const signIn = async (username: string) => {
    const res = await login(username);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<LoginResponse>();
  };
  const as = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  it('locks an account after 5 wrong passwords, in the database (another node agrees), for 15 minutes', async () => {
    for (let i = 1; i <= 4; i++)
      errorOf(await login('dispatcher2', 'wrong-password'), 401, 'UNAUTHENTICATED');
    // A guesser learns nothing: the same answer as for a username nobody has, before and after.
    const unknown = await login('no-such-user', 'wrong-password');
    for (let i = 5; i <= 7; i++) {
      const wrong = await login('dispatcher2', 'wrong-password');
      errorOf(wrong, 401, 'UNAUTHENTICATED');
      expect(wrong.body).toBe(unknown.body);
      expect(wrong.headers['retry-after']).toBeUndefined();
    }
    // Only the right password is told of the lock (its holder may know), on this node or another.
    const locked = errorOf(await login('dispatcher2'), 423, 'ACCOUNT_LOCKED');
    expect(locked.details?.retryAfterSeconds).toBe(15 * 60);
    const other = await h.secondNode();
    const elsewhere = await other.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dispatcher2', password: PASSWORDS.dispatcher2 },
    });
    errorOf(elsewhere, 423, 'ACCOUNT_LOCKED');
    expect(elsewhere.headers['retry-after']).toBe(String(15 * 60));
    h.clock.advance(10 * MINUTE);
    errorOf(await login('dispatcher2'), 423, 'ACCOUNT_LOCKED');
    h.clock.advance(5 * MINUTE + 1000);
    await signIn('dispatcher2');
    const row = await h.db.prisma.user.findUniqueOrThrow({ where: { username: 'dispatcher2' } });
    expect(row).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it('does exactly one password verification for a known and for an unknown username', async () => {
    const verify = vi.spyOn(h.app.services.auth.passwords, 'verify');
    try {
      await login('nobody-here', 'whatever-password');
      expect(verify).toHaveBeenCalledTimes(1);
      await login('leader', 'whatever-password');
      expect(verify).toHaveBeenCalledTimes(2);
      await login('leader');
      expect(verify).toHaveBeenCalledTimes(3);
    } finally {
      verify.mockRestore();
    }
  });

  it('ends the session at logout: the token is refused from then on', async () => {
    const { token } = await signIn('dispatcher');
    expect((await as(token, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await as(token, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    errorOf(await as(token, 'GET', '/api/auth/me'), 401, 'SESSION_ENDED');
    errorOf(await as(token, 'GET', '/api/incidents'), 401, 'SESSION_ENDED');
  });

  it('locks an idle staff console after 15 minutes until the password is given; unit terminals never', async () => {
    const staff = await signIn('leader');
    expect(staff.idleLockSeconds).toBe(15 * 60);
    const unit = await signIn('unit002');
    expect(unit.idleLockSeconds).toBeNull();
    h.clock.advance(14 * MINUTE);
    expect((await as(staff.token, 'GET', '/api/units')).statusCode).toBe(200);
    h.clock.advance(16 * MINUTE);
    errorOf(await as(staff.token, 'GET', '/api/units'), 401, 'SESSION_LOCKED');
    expect((await as(unit.token, 'GET', '/api/auth/me')).statusCode).toBe(200);
    errorOf(
      await as(staff.token, 'POST', '/api/auth/unlock', { password: 'not-it' }),
      401,
      'UNAUTHENTICATED',
    );
    const unlocked = await as(staff.token, 'POST', '/api/auth/unlock', { password: PASSWORDS.leader! });
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect((await as(staff.token, 'GET', '/api/units')).statusCode).toBe(200);
  });

  it('ends the sessions of a user whose role changes, and lets only an admin change roles', async () => {
    const admin = await signIn('admin');
    const target = await signIn('supervisor');
    const refused = await as(target.token, 'PUT', `/api/users/${target.user.id}/role`, { role: 'admin' });
    errorOf(refused, 403, 'FORBIDDEN');
    const changed = await as(admin.token, 'PUT', `/api/users/${target.user.id}/role`, {
      role: 'shift_leader',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<{ ended: number }>().ended).toBeGreaterThanOrEqual(1);
    errorOf(await as(target.token, 'GET', '/api/auth/me'), 401, 'SESSION_ENDED');
    const again = await signIn('supervisor');
    expect(again.user.role).toBe('shift_leader');
    await as(admin.token, 'PUT', `/api/users/${target.user.id}/role`, { role: 'supervisor' });
  });

  it('lets an admin end every session of a user, and list and end one session', async () => {
    const admin = await signIn('admin');
    const first = await signIn('unit003');
    const second = await signIn('unit003');
    const list = await as(admin.token, 'GET', `/api/sessions?userId=${first.user.id}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<unknown[]>().length).toBeGreaterThanOrEqual(2);
    errorOf(await as(first.token, 'POST', `/api/users/${first.user.id}/sessions/end`), 403, 'FORBIDDEN');
    const ended = await as(admin.token, 'POST', `/api/users/${first.user.id}/sessions/end`);
    expect(ended.json<{ ended: number }>().ended).toBeGreaterThanOrEqual(2);
    for (const s of [first, second]) errorOf(await as(s.token, 'GET', '/api/auth/me'), 401, 'SESSION_ENDED');
    const audit = await h.db.prisma.auditEvent.findFirst({
      where: { entityId: first.user.id, action: 'user.sessions_ended' },
    });
    expect(audit?.actorName).toBe('admin');
  });

  it('gives a wall screen its own long-lived, read-only, revocable device credential', async () => {
    const admin = await signIn('admin');
    const issued = await as(admin.token, 'POST', '/api/devices', {
      username: 'dispatcher',
      label: 'wall, control room',
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const { token, session } = issued.json<{ token: string; session: { id: string; kind: string } }>();
    expect(session.kind).toBe('device');
    expect((await as(token, 'GET', '/api/incidents')).statusCode).toBe(200);
    // A display takes no action, and does not idle-lock.
    errorOf(
      await as(token, 'POST', '/api/incidents', { type: 'theft', priority: 3, location: { lng: 0, lat: 0 } }),
      403,
      'FORBIDDEN',
    );
    h.clock.advance(3 * 60 * MINUTE);
    expect((await as(token, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const fresh = await signIn('admin');
    expect((await as(fresh.token, 'POST', `/api/sessions/${session.id}/end`)).statusCode).toBe(200);
    errorOf(await as(token, 'GET', '/api/incidents'), 401, 'SESSION_ENDED');
  });
});

describe(`sign-in limits and the second factor (${engine})`, () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness({ config: { loginRateLimitPerMinute: 5, totpRequired: true } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const login = (body: object, remoteAddress: string) =>
    h.app.inject({ method: 'POST', url: '/api/auth/login', payload: body, remoteAddress });
  const code = (secret: string) => generate({ secret, epoch: Math.floor(h.clock.ms / 1000) });

  it('rate-limits sign-in per client address (429), other addresses unaffected', async () => {
    for (let i = 0; i < 5; i++) {
      errorOf(await login({ username: `ghost${i}`, password: 'x' }, '10.0.0.1'), 401, 'UNAUTHENTICATED');
    }
    const limited = await login({ username: 'dispatcher', password: PASSWORDS.dispatcher! }, '10.0.0.1');
    errorOf(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const other = await login({ username: 'dispatcher', password: PASSWORDS.dispatcher! }, '10.0.0.2');
    expect(other.statusCode, other.body).toBe(200);
  });

  it('behind a named balancer counts sign-ins per forwarded client; anyone else cannot pick an address', async () => {
    const behind = await createHarness({
      config: { loginRateLimitPerMinute: 3, trustProxy: ['10.9.0.1'] },
    });
    try {
      const via = (from: string, client: string) =>
        behind.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'nobody', password: 'x' },
          remoteAddress: from,
          headers: { 'x-forwarded-for': client },
        });
      // Through the balancer: each client has its own budget.
      for (let i = 0; i < 3; i++) expect((await via('10.9.0.1', '172.16.0.1')).statusCode).toBe(401);
      errorOf(await via('10.9.0.1', '172.16.0.1'), 429, 'RATE_LIMITED');
      expect((await via('10.9.0.1', '172.16.0.2')).statusCode).toBe(401);
      // Not the balancer: the header is ignored, a fresh forged address gets no fresh budget.
      for (let i = 0; i < 3; i++) expect((await via('10.8.0.7', `192.168.0.${i}`)).statusCode).toBe(401);
      errorOf(await via('10.8.0.7', '192.168.0.99'), 429, 'RATE_LIMITED');
    } finally {
      await behind.close();
    }
  });

  it('makes admins and supervisors enrol and then use a TOTP code when the setting requires it', async () => {
    const password = PASSWORDS.supervisor!;
    const first = errorOf(
      await login({ username: 'supervisor', password }, '10.0.1.1'),
      401,
      'SECOND_FACTOR_REQUIRED',
    );
    expect(first.details).toMatchObject({ enrol: true });
    const secret = first.details!.secret as string;
    expect(first.details!.uri).toMatch(/^otpauth:\/\/totp\//);
    // A wrong password never shows the secret.
    const wrong = errorOf(
      await login({ username: 'supervisor', password: 'nope' }, '10.0.1.1'),
      401,
      'UNAUTHENTICATED',
    );
    expect(wrong.details).toBeUndefined();
    const enrolled = await login({ username: 'supervisor', password, otp: await code(secret) }, '10.0.1.1');
    expect(enrolled.statusCode, enrolled.body).toBe(200);
    const bare = errorOf(
      await login({ username: 'supervisor', password }, '10.0.1.2'),
      401,
      'SECOND_FACTOR_REQUIRED',
    );
    expect(bare.details).toBeUndefined();
    errorOf(
      await login({ username: 'supervisor', password, otp: '000000' }, '10.0.1.2'),
      401,
      'UNAUTHENTICATED',
    );
    const ok = await login({ username: 'supervisor', password, otp: await code(secret) }, '10.0.1.2');
    expect(ok.statusCode, ok.body).toBe(200);
    // Dispatchers are not asked.
    expect(
      (await login({ username: 'dispatcher', password: PASSWORDS.dispatcher! }, '10.0.1.3')).statusCode,
    ).toBe(200);
  });
});
