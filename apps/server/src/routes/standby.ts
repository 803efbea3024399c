/**
 * Standby orders: where a free unit waits (dispatchers, supervisors and admins give them; the unit's
 * own terminal reads its order and the route there).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  IdParams,
  RouteDto,
  StandbyOrderBody,
  StandbyOrderDto,
  StandbyRecommendationsDto,
  StandbyRecommendationsQuery,
} from '@dispatch/contracts';
import { domainError, DomainErrorException } from '@dispatch/domain';
import { toRouteDto } from '../services/dto.js';
import { actorOf, errorResponses } from './actor.js';

const standbyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { standby, standbyPlan, recommendations } = app.services;
  const target = async (request: { params: unknown }) => ({
    targetUnitId: (request.params as { id: string }).id,
  });

  app.get(
    '/standby',
    {
      preHandler: app.requirePermission('coverage.read'),
      schema: { tags: ['coverage'], response: { 200: Type.Array(StandbyOrderDto), ...errorResponses } },
    },
    async () => standby.active(),
  );

  app.get(
    '/standby/recommendations',
    {
      preHandler: app.requirePermission('coverage.read'),
      schema: {
        tags: ['coverage'],
        description:
          "Recommended standby points for the free cars (MEXCLP greedy on the road network: the expected demand reached within the 3- and 5-minute targets, each car kept to its home grid or station area) for now, the next shift or an hour of week, with each grid's and the city's coverage before and after. Cached per period and fleet. Filter with gridId.",
        querystring: StandbyRecommendationsQuery,
        response: { 200: StandbyRecommendationsDto, ...errorResponses },
      },
    },
    async (request) => standbyPlan.recommendations(request.query),
  );

  app.post(
    '/units/:id/standby',
    {
      preHandler: app.requirePermission('standby.order'),
      schema: {
        tags: ['coverage'],
        description: 'Orders a free unit to wait at a point (replacing its order); it stays free for calls.',
        params: IdParams,
        body: StandbyOrderBody,
        response: { 201: StandbyOrderDto, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await standby.order(request.params.id, request.body, actorOf(request))),
  );

  app.delete(
    '/units/:id/standby',
    {
      preHandler: app.requirePermission('standby.order'),
      schema: { tags: ['coverage'], params: IdParams, response: { 200: StandbyOrderDto, ...errorResponses } },
    },
    async (request) => standby.cancel(request.params.id, actorOf(request)),
  );

  app.get(
    '/units/:id/standby',
    {
      // Its own crew, or any staff screen.
      preHandler: app.requirePermission('unit.status', target),
      schema: {
        tags: ['coverage'],
        params: IdParams,
        response: {
          200: Type.Object({ order: Type.Union([StandbyOrderDto, Type.Null()]) }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ order: await standby.current(request.params.id) }),
  );

  app.get(
    '/units/:id/standby/route',
    {
      preHandler: app.requirePermission('unit.route', target),
      schema: { tags: ['coverage'], params: IdParams, response: { 200: RouteDto, ...errorResponses } },
    },
    async (request) => {
      const order = await standby.current(request.params.id);
      if (!order) throw new DomainErrorException(domainError('NOT_FOUND', 'Unit has no standby order'));
      const route = await recommendations.route(request.params.id, order.lngLat);
      if (!route) throw new DomainErrorException(domainError('NOT_FOUND', 'Unit has no known position'));
      return toRouteDto(request.params.id, route);
    },
  );
};

export default standbyRoutes;
