import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  const base = { DATABASE_URL: 'postgres://x@127.0.0.1/db', JWT_SECRET: 'a'.repeat(32) };

  it('reads the position backlog limit, defaulting to 50,000', () => {
    expect(loadConfig(base).positionMaxPending).toBe(50_000);
    expect(loadConfig({ ...base, POSITION_MAX_PENDING: '80000' }).positionMaxPending).toBe(80_000);
  });

  it('refuses a backlog limit below the largest position batch, which could then never be taken', () => {
    expect(() => loadConfig({ ...base, POSITION_MAX_PENDING: '4999' })).toThrow(
      /POSITION_MAX_PENDING must be at least 5000/,
    );
  });

  it('refuses to start outside demo mode without a real JWT secret', () => {
    expect(() => loadConfig({ DATABASE_URL: base.DATABASE_URL })).toThrow(/JWT_SECRET/);
  });
  it("exempts only the demo's own machine from the sign-in rate limit, and nobody outside demo mode", () => {
    expect(loadConfig({ DEMO: '1' }).loginRateAllowList).toContain('127.0.0.1');
    expect(loadConfig(base).loginRateAllowList).toEqual([]);
    expect(loadConfig({ ...base, LOGIN_RATE_ALLOW: '10.0.0.5' }).loginRateAllowList).toEqual(['10.0.0.5']);
  });
});
