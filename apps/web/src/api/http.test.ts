import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error.js';
import { createHttp } from './http.js';

function respond(status: number, body: unknown) {
  return vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status }));
}

describe('http client', () => {
  it('sends the bearer token and JSON body, and drops empty query values', async () => {
    const fetchImpl = respond(200, { ok: 1 });
    const http = createHttp({ getToken: () => 'tok', fetchImpl });
    await http.post('/api/x', { a: 1 });
    await http.get('/api/y', { status: 'open', gridId: undefined, limit: 5 });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/x');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer tok');
    expect(init.body).toBe('{"a":1}');
    expect((fetchImpl.mock.calls[1] as unknown as [string])[0]).toBe('/api/y?status=open&limit=5');
  });

  it('turns the server error body into a typed error with its code and field', async () => {
    const http = createHttp({
      getToken: () => null,
      fetchImpl: respond(409, { error: { code: 'UNIT_NOT_AVAILABLE', message: 'busy', field: 'unitIds' } }),
    });
    const error = await http.post('/api/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'UNIT_NOT_AVAILABLE', field: 'unitIds' });
  });

  it('reports 401 on an authenticated request so the session can end', async () => {
    const onUnauthorized = vi.fn();
    const http = createHttp({ getToken: () => 'old', onUnauthorized, fetchImpl: respond(401, 'nope') });
    await expect(http.get('/api/auth/me')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it("hands the 401's code on, so an idle-locked session locks instead of ending", async () => {
    const onUnauthorized = vi.fn();
    const http = createHttp({
      getToken: () => 'idle',
      onUnauthorized,
      fetchImpl: respond(401, { error: { code: 'SESSION_LOCKED', message: 'idle' } }),
    });
    await expect(http.get('/api/units')).rejects.toMatchObject({ code: 'SESSION_LOCKED' });
    expect(onUnauthorized).toHaveBeenCalledWith('SESSION_LOCKED');
  });

  it('keeps the details of an error (a second factor to enrol)', async () => {
    const http = createHttp({
      getToken: () => null,
      fetchImpl: respond(401, {
        error: { code: 'SECOND_FACTOR_REQUIRED', message: 'code', details: { enrol: true, secret: 'ABC' } },
      }),
    });
    await expect(http.post('/api/auth/login', {})).rejects.toMatchObject({
      code: 'SECOND_FACTOR_REQUIRED',
      details: { enrol: true, secret: 'ABC' },
    });
  });

  it('maps a failed fetch to NETWORK', async () => {
    const http = createHttp({
      getToken: () => null,
      fetchImpl: vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    });
    await expect(http.get('/api/units')).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
  });
});
