/** Units: live list, status, position reports (one and batched), grid moves. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  IdParams,
  MoveUnitGridBody,
  PositionBatchBody,
  PositionReport,
  UnitDto,
  UnitStatusBody,
} from '@dispatch/contracts';
import { toUnitDto } from '../services/dto.js';
import { assertAllowed } from '../plugins/auth.js';
import { readScope } from '@dispatch/domain';
import { actorOf, errorResponses, overloadedResponse } from './actor.js';

const unitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { units, positions } = app.services;
  const target = async (request: { params: unknown }) => ({
    targetUnitId: (request.params as { id: string }).id,
  });

  app.get(
    '/units',
    {
      preHandler: app.requirePermission('unit.read', (request) => ({
        // A unit terminal lists only itself (the list is filtered below).
        targetUnitId: request.user.unitId,
      })),
      schema: { tags: ['units'], response: { 200: Type.Array(UnitDto), ...errorResponses } },
    },
    async (request) => {
      const { role, unitId } = request.user;
      if (readScope(role, 'unit.read') === 'all') return units.list();
      return unitId ? [toUnitDto(await units.get(unitId))] : [];
    },
  );

  app.get(
    '/units/:id',
    {
      preHandler: app.requirePermission('unit.read', target),
      schema: { tags: ['units'], params: IdParams, response: { 200: UnitDto, ...errorResponses } },
    },
    async (request) => toUnitDto(await units.get(request.params.id)),
  );

  app.post(
    '/units/:id/status',
    {
      preHandler: app.requirePermission('unit.status', target),
      schema: {
        tags: ['units'],
        params: IdParams,
        body: UnitStatusBody,
        response: { 200: UnitDto, ...errorResponses },
      },
    },
    async (request) =>
      toUnitDto(
        await units.setStatus(request.params.id, request.body.status, actorOf(request), request.body.version),
      ),
  );

  app.post(
    '/units/:id/position',
    {
      preHandler: app.requirePermission('unit.position', target),
      schema: {
        tags: ['units'],
        params: IdParams,
        body: PositionReport,
        response: {
          202: Type.Object({ accepted: Type.Integer() }),
          ...errorResponses,
          ...overloadedResponse,
        },
      },
    },
    async (request, reply) => {
      await positions.report(request.params.id, request.body);
      return reply.status(202).send({ accepted: 1 });
    },
  );

  // Batched reports (vehicle gateways, the simulator): all validated before any is accepted.
  app.post(
    '/units/positions',
    {
      preHandler: app.authenticate,
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['units'],
        body: PositionBatchBody,
        response: {
          202: Type.Object({ accepted: Type.Integer() }),
          ...errorResponses,
          ...overloadedResponse,
        },
      },
    },
    async (request, reply) => {
      for (const r of request.body.reports)
        assertAllowed(request.user, 'unit.position', { targetUnitId: r.unitId });
      await positions.reportMany(request.body.reports, 'body.reports');
      return reply.status(202).send({ accepted: request.body.reports.length });
    },
  );

  app.post(
    '/units/:id/grid',
    {
      preHandler: app.requirePermission('unit.move_grid'),
      schema: {
        tags: ['units'],
        params: IdParams,
        body: MoveUnitGridBody,
        response: { 200: UnitDto, ...errorResponses },
      },
    },
    async (request) =>
      toUnitDto(
        await units.moveToGrid(
          request.params.id,
          request.body.gridId,
          actorOf(request),
          request.body.version,
        ),
      ),
  );
};

export default unitRoutes;
