/** Grids: live staffing against minimums, edits, GeoJSON import; posts. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { EditGridBody, GridDto, IdParams, ImportGridsBody, PostDto } from '@dispatch/contracts';
import { actorOf, errorResponses } from './actor.js';

const gridRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { grids } = app.services;

  app.get(
    '/grids',
    {
      preHandler: app.requirePermission('grid.read'),
      schema: { tags: ['grids'], response: { 200: Type.Array(GridDto), ...errorResponses } },
    },
    async () => grids.list(),
  );

  app.patch(
    '/grids/:id',
    {
      preHandler: app.requirePermission('grid.edit'),
      schema: {
        tags: ['grids'],
        params: IdParams,
        body: EditGridBody,
        response: { 200: GridDto, ...errorResponses },
      },
    },
    async (request) => grids.edit(request.params.id, request.body, actorOf(request)),
  );

  app.post(
    '/grids/import',
    {
      preHandler: app.requirePermission('grid.import'),
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags: ['grids'],
        body: ImportGridsBody,
        response: {
          200: Type.Object({
            created: Type.Integer(),
            updated: Type.Integer(),
            rejected: Type.Array(
              Type.Object({
                index: Type.Integer(),
                code: Type.Union([Type.String(), Type.Null()]),
                reason: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => grids.importFeatureCollection(request.body.features, actorOf(request)),
  );

  app.get(
    '/posts',
    {
      preHandler: app.requirePermission('grid.read'),
      schema: { tags: ['grids'], response: { 200: Type.Array(PostDto), ...errorResponses } },
    },
    async () => grids.posts(),
  );
};

export default gridRoutes;
