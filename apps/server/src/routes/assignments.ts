/** A unit working its assignment, and the route it drives. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AssignmentActionBody, AssignmentDto, IdParams, RouteDto } from '@dispatch/contracts';
import { domainError, DomainErrorException } from '@dispatch/domain';
import { toAssignmentDto, toRouteDto } from '../services/dto.js';
import { actorOf, errorResponses } from './actor.js';

const assignmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { assignments, recommendations } = app.services;
  const ownUnit = async (request: { params: unknown }) => {
    const { id } = request.params as { id: string };
    return { targetUnitId: (await assignments.ownerOf(id)).unitId };
  };

  app.post(
    '/assignments/:id/actions',
    {
      preHandler: app.requirePermission('assignment.update', ownUnit),
      schema: {
        tags: ['dispatch'],
        params: IdParams,
        body: AssignmentActionBody,
        response: { 200: AssignmentDto, ...errorResponses },
      },
    },
    async (request) =>
      toAssignmentDto(
        await assignments.act(
          request.params.id,
          request.body.action,
          actorOf(request),
          request.body.resolution,
        ),
      ),
  );

  app.get(
    '/assignments/:id/route',
    {
      // Staff see every unit's route; a unit terminal only its own.
      preHandler: app.requirePermission('unit.route', async (request) => ({
        targetUnitId: (await assignments.destinationOf((request.params as { id: string }).id)).unitId,
      })),
      schema: { tags: ['dispatch'], params: IdParams, response: { 200: RouteDto, ...errorResponses } },
    },
    async (request) => {
      const { unitId, lngLat } = await assignments.destinationOf(request.params.id);
      const route = await recommendations.route(unitId, lngLat);
      if (!route) throw new DomainErrorException(domainError('NOT_FOUND', 'Unit has no known position'));
      return toRouteDto(unitId, route);
    },
  );
};

export default assignmentRoutes;
