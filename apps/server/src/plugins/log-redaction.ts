/**
 * Logger options that keep credentials out of every log line: authorization and cookie headers,
 * tokens, passwords and one-time codes are censored (pino `redact`), and a token in a query string
 * (an old wall-screen link) is masked in the logged URL.
 */
import type { FastifyRequest } from 'fastify';

const CENSOR = '[redacted]';

/** Paths pino censors wherever they appear in a logged object (one level of nesting or at the top). */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'password',
  'token',
  'otp',
  'secret',
  '*.password',
  '*.token',
  '*.otp',
  '*.secret',
  '*.authorization',
  '*.passwordHash',
  '*.totpSecret',
];

const SECRET_QUERY = /([?&](?:token|access_token|password|otp)=)[^&#]*/gi;

/** The URL with credential-looking query parameters masked. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, `$1${CENSOR}`);
}

function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** Fastify's `logger` option with redaction added (`false` stays off). */
export function loggerOptions(logger: boolean | object): boolean | object {
  if (logger === false) return false;
  const base = logger === true ? {} : (logger as Record<string, unknown>);
  return {
    ...base,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    serializers: { req: serializeRequest, ...((base.serializers as object | undefined) ?? {}) },
  };
}
