import { DomainErrorException, type DomainError } from './errors.js';

/** Outcome of an operation that can fail in an expected way: a value, never a throw. */
export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

/** Successful {@link Result}. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Failed {@link Result}. */
export function err<E = DomainError>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** Value of a successful result; throws {@link DomainErrorException} otherwise (server edge only). */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new DomainErrorException(result.error);
}
