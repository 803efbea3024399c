import { DomainErrorException, domainError } from '@dispatch/domain';

/** Invalid generator options: a typed `VALIDATION_FAILED` error naming the option. */
export function invalidOption(option: string, message: string, value: unknown): DomainErrorException {
  return new DomainErrorException(domainError('VALIDATION_FAILED', message, { option, value }));
}

/** A broken generator invariant (a bug, not an input problem): a typed `INTERNAL` error. */
export function generationFailed(
  message: string,
  details?: Readonly<Record<string, unknown>>,
): DomainErrorException {
  return new DomainErrorException(domainError('INTERNAL', `demo-city: ${message}`, details));
}
