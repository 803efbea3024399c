/** Live coverage per grid and the uncovered-area alerts (staff screens). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { CoverageAlertDto, CoverageDto } from '@dispatch/contracts';
import { domainError, DomainErrorException } from '@dispatch/domain';
import { errorResponses } from './actor.js';

const coverageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { coverage } = app.services;

  app.get(
    '/coverage',
    {
      preHandler: app.requirePermission('coverage.read'),
      schema: {
        tags: ['coverage'],
        description:
          'Share of each grid (road length and expected demand) the free units reach within the first-arrival and reinforcement targets, recomputed after position batches and status changes.',
        response: { 200: CoverageDto, ...errorResponses },
      },
    },
    async () => {
      const current = coverage.current() ?? (await coverage.recompute());
      if (!current)
        throw new DomainErrorException(
          domainError('NO_ROAD_NETWORK', 'Coverage needs a road network; import one first'),
        );
      return current;
    },
  );

  app.get(
    '/coverage/alerts',
    {
      preHandler: app.requirePermission('coverage.read'),
      schema: { tags: ['coverage'], response: { 200: Type.Array(CoverageAlertDto), ...errorResponses } },
    },
    async () => coverage.openAlerts(),
  );
};

export default coverageRoutes;
