import type { FastifyRequest } from 'fastify';
import { readScope, type PermissionContext } from '@dispatch/domain';
import type { Actor } from '../services/context.js';
import type { IncidentService } from '../services/incident-service.js';

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

/**
 * Permission context for reading incident `:id`: whether the acting unit is (or recently was) on
 * it. Staff need no lookup. `onRelation` receives the unit's relation for caller-detail checks.
 */
export function incidentReadContext(
  incidents: IncidentService,
  onRelation?: (request: FastifyRequest, relation: { had: boolean; active: boolean }) => void,
) {
  return async (request: FastifyRequest): Promise<PermissionContext> => {
    const { role, unitId } = request.user;
    if (readScope(role, 'incident.read') === 'all' || !unitId) return {};
    const relation = await incidents.unitRelation((request.params as { id: string }).id, unitId);
    onRelation?.(request, relation);
    return { actorHadIncident: relation.had, actorAssignedToIncident: relation.active };
  };
}
