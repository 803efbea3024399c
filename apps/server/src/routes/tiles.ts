/** The offline basemap's vector tiles, read with the same sign-in as the rest of the map data. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { TileParams } from '@dispatch/contracts';
import { domainError, DomainErrorException } from '@dispatch/domain';
import { errorResponses } from './actor.js';

const tileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { tiles } = app.services;

  app.get(
    '/tiles/:z/:x/:y.pbf',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['map'],
        description:
          'One vector tile (MVT v2; layers water, landuse, buildings, roads, places, pois, grids) of the basemap built from the imported OpenStreetMap file or the demo city. 204 where no layer has a feature.',
        params: TileParams,
        response: { 200: Type.Unknown(), 204: Type.Null(), 304: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { z, x, y } = request.params;
      const side = 2 ** z;
      for (const [field, value] of [
        ['x', x],
        ['y', y],
      ] as const) {
        if (value >= side)
          throw new DomainErrorException(
            domainError('VALIDATION_FAILED', `${field} must be below 2^z (${side}) at zoom ${z}`, {
              field: `params.${field}`,
            }),
          );
      }
      const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
      const answer = await tiles.tile(z, x, y, gzip);
      // Authenticated data: a private cache only, revalidated by ETag after a few minutes.
      reply
        .header('cache-control', 'private, max-age=300')
        .header('etag', answer.etag)
        .header('vary', 'accept-encoding');
      if (request.headers['if-none-match'] === answer.etag) return reply.code(304).send(null);
      if (!answer.body) return reply.code(204).send(null);
      if (answer.gzip) reply.header('content-encoding', 'gzip');
      return reply.type('application/vnd.mapbox-vector-tile').send(answer.body);
    },
  );
};

export default tileRoutes;
