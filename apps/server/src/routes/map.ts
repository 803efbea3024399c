/** Map base data served from the database (works with no internet): roads, river; road import. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { RoadFeatureCollection } from '@dispatch/routing';
import { ImportRoadsBody, ImportRoadsQuery } from '@dispatch/contracts';
import { domainError, DomainErrorException } from '@dispatch/domain';
import { actorOf, errorResponses } from './actor.js';

const mapRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { roads, settings } = app.services;

  app.get(
    '/map/roads',
    { preHandler: app.authenticate, schema: { tags: ['map'] } },
    async (_request, reply) => {
      if (!roads.geojsonText) return reply.send({ type: 'FeatureCollection', features: [] });
      return reply.type('application/json').send(roads.geojsonText);
    },
  );

  app.get('/map/river', { preHandler: app.authenticate, schema: { tags: ['map'] } }, async () =>
    settings.riverLayer(),
  );

  app.get(
    '/map/network',
    {
      preHandler: app.authenticate,
      schema: { tags: ['map'], response: { 200: Type.Unknown(), ...errorResponses } },
    },
    async () => ({ loaded: roads.network !== null, report: roads.report }),
  );

  app.post(
    '/map/roads',
    {
      preHandler: app.requirePermission('grid.import'),
      bodyLimit: 200 * 1024 * 1024,
      schema: {
        tags: ['map'],
        querystring: ImportRoadsQuery,
        body: ImportRoadsBody,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => {
      const report = await roads.replace(
        request.query.name ?? 'imported',
        request.body as unknown as RoadFeatureCollection,
        actorOf(request),
      );
      if (report.nodeCount === 0) {
        throw new DomainErrorException(
          domainError('VALIDATION_FAILED', 'No usable road in the collection', {
            field: 'body.features',
            issues: report.issues.slice(0, 50),
          }),
        );
      }
      return report;
    },
  );
};

export default mapRoutes;
