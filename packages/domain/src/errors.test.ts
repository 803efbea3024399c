import { describe, expect, it } from 'vitest';
import {
  DOMAIN_ERROR_CODES,
  DomainErrorException,
  HTTP_STATUS_BY_ERROR_CODE,
  domainError,
  httpStatusOf,
  isDomainError,
} from './errors.js';
import { err, ok, unwrap } from './result.js';

describe('domain errors', () => {
  it('maps every code to a client or server HTTP status', () => {
    for (const code of DOMAIN_ERROR_CODES) {
      const status = httpStatusOf(code);
      expect(status).toBe(HTTP_STATUS_BY_ERROR_CODE[code]);
      expect(status >= 400 && status <= 599).toBe(true);
    }
    expect(httpStatusOf('NOT_FOUND')).toBe(404);
    expect(httpStatusOf('FORBIDDEN')).toBe(403);
    expect(httpStatusOf('UNIT_NOT_AVAILABLE')).toBe(409);
    expect(httpStatusOf('VALIDATION_FAILED')).toBe(400);
    expect(httpStatusOf('OVERLOADED')).toBe(503);
  });

  it('omits absent details', () => {
    expect(domainError('NOT_FOUND', 'x')).toEqual({ code: 'NOT_FOUND', message: 'x' });
    expect('details' in domainError('NOT_FOUND', 'x')).toBe(false);
    expect(domainError('NOT_FOUND', 'x', { id: 'u1' }).details).toEqual({ id: 'u1' });
  });

  it('recognises domain errors and rejects unknown codes', () => {
    expect(isDomainError(domainError('CONFLICT', 'stale'))).toBe(true);
    expect(isDomainError({ code: 'OOPS', message: 'x' })).toBe(false);
    expect(isDomainError('CONFLICT')).toBe(false);
    expect(isDomainError(null)).toBe(false);
  });

  it('carries the error and its status in the exception', () => {
    const e = new DomainErrorException(domainError('UNIT_ALREADY_ASSIGNED', 'busy', { unitId: 'u1' }));
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('UNIT_ALREADY_ASSIGNED');
    expect(e.statusCode).toBe(409);
    expect(e.error.details).toEqual({ unitId: 'u1' });
    expect(e.message).toBe('busy');
  });
});

describe('Result', () => {
  it('unwraps values and throws the carried error', () => {
    expect(unwrap(ok(3))).toBe(3);
    expect(() => unwrap(err(domainError('NOT_FOUND', 'gone')))).toThrow(DomainErrorException);
  });
});
