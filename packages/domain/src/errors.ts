/**
 * Typed domain errors. Every failure the server can report has a stable code from this closed
 * list, so clients switch on `code` (and translate it) instead of parsing messages.
 */

export const DOMAIN_ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
  'INCIDENT_CLOSED',
  'UNIT_NOT_AVAILABLE',
  'UNIT_ALREADY_ASSIGNED',
  'NO_CANDIDATES',
  /** Road-only features (checkpoints on exit roads) without a loaded road network. */
  'NO_ROAD_NETWORK',
  /** The server is behind on work it buffers (position reports): retry shortly. */
  'OVERLOADED',
  /** Too many sign-in failures: the account is locked for a while (details.retryAfterSeconds). */
  'ACCOUNT_LOCKED',
  /** Too many requests from this address (sign-in rate limit): retry after `retry-after`. */
  'RATE_LIMITED',
  /** Idle too long: the session is locked until the user re-enters the password. */
  'SESSION_LOCKED',
  /** Signed out, ended by an admin or a role change, or expired: sign in again. */
  'SESSION_ENDED',
  /** The account has a second factor (or must enrol one): a one-time code is needed. */
  'SECOND_FACTOR_REQUIRED',
  /** A move-up recommendation was already accepted or declined (by someone else, or twice). */
  'MOVE_UP_DECIDED',
  /** A move-up recommendation is no longer offered: timed out, superseded, or its unit left. */
  'MOVE_UP_EXPIRED',
  'INTERNAL',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** HTTP status per code; the server's one error handler reads this table. */
export const HTTP_STATUS_BY_ERROR_CODE: Readonly<Record<DomainErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  INCIDENT_CLOSED: 409,
  UNIT_NOT_AVAILABLE: 409,
  UNIT_ALREADY_ASSIGNED: 409,
  NO_CANDIDATES: 422,
  NO_ROAD_NETWORK: 422,
  OVERLOADED: 503,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  SESSION_LOCKED: 401,
  SESSION_ENDED: 401,
  SECOND_FACTOR_REQUIRED: 401,
  MOVE_UP_DECIDED: 409,
  MOVE_UP_EXPIRED: 409,
  INTERNAL: 500,
};

export interface DomainError {
  code: DomainErrorCode;
  /** Developer-facing English text; UIs translate `code` (+ `details`) instead. */
  message: string;
  /** Machine-readable parameters (ids, statuses, field issues), JSON-serialisable. */
  details?: Readonly<Record<string, unknown>>;
}

/** Builds a {@link DomainError}; `details` is omitted when not given. */
export function domainError(
  code: DomainErrorCode,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): DomainError {
  return details === undefined ? { code, message } : { code, message, details };
}

/** HTTP status for a code (see {@link HTTP_STATUS_BY_ERROR_CODE}). */
export function httpStatusOf(code: DomainErrorCode): number {
  return HTTP_STATUS_BY_ERROR_CODE[code];
}

/** True when `value` has the shape of a {@link DomainError} with a known code. */
export function isDomainError(value: unknown): value is DomainError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as { code?: unknown; message?: unknown };
  return (
    typeof code === 'string' &&
    (DOMAIN_ERROR_CODES as readonly string[]).includes(code) &&
    typeof message === 'string'
  );
}

/**
 * Carrier to throw a {@link DomainError} through layers that only understand exceptions
 * (Fastify handlers). `statusCode` follows Fastify's convention so even its default handler
 * answers with the right status.
 */
export class DomainErrorException extends Error {
  readonly error: DomainError;
  readonly code: DomainErrorCode;
  readonly statusCode: number;

  constructor(error: DomainError, options?: { cause?: unknown }) {
    super(error.message, options);
    this.name = 'DomainErrorException';
    this.error = error;
    this.code = error.code;
    this.statusCode = httpStatusOf(error.code);
  }
}
