import type { FastifyRequest } from 'fastify';
import type { Actor } from '../services/context.js';

/** The acting user of an authenticated request, for audit records. */
export function actorOf(request: FastifyRequest): Actor {
  const u = request.user;
  return { id: u.sub, name: u.username, role: u.role, unitId: u.unitId };
}

/** Standard error responses every route documents. */
export const errorResponses = {
  400: { $ref: 'ErrorBody#' },
  401: { $ref: 'ErrorBody#' },
  403: { $ref: 'ErrorBody#' },
  404: { $ref: 'ErrorBody#' },
  409: { $ref: 'ErrorBody#' },
} as const;

/** Routes that buffer work (position reports) answer 503 OVERLOADED, with Retry-After, when behind. */
export const overloadedResponse = {
  503: { $ref: 'ErrorBody#' },
} as const;
