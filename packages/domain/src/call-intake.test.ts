import { describe, expect, it } from 'vitest';
import { checkReceivedAt, MAX_RECEIVED_AT_BACKDATE_SECONDS } from './call-intake.js';

describe('checkReceivedAt', () => {
  const now = Date.parse('2026-12-07T10:00:00Z');
  it('defaults to now and takes a time shortly before it', () => {
    expect(checkReceivedAt(undefined, now)).toEqual({ ok: true, value: now });
    expect(checkReceivedAt(now - MAX_RECEIVED_AT_BACKDATE_SECONDS * 1000, now)).toEqual({
      ok: true,
      value: now - MAX_RECEIVED_AT_BACKDATE_SECONDS * 1000,
    });
    expect(checkReceivedAt(now + 4_000, now).ok).toBe(true);
  });
  it('refuses the future, a back-dated call and a non-time, naming the field', () => {
    for (const given of [
      now + 6_000,
      now - MAX_RECEIVED_AT_BACKDATE_SECONDS * 1000 - 1,
      Date.parse('2020-01-01'),
      NaN,
    ]) {
      const result = checkReceivedAt(given, now);
      expect(result.ok, String(given)).toBe(false);
      if (!result.ok)
        expect(result.error).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: { field: 'body.receivedAt' },
        });
    }
  });
});
