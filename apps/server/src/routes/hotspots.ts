/** Hot spots: the heat-map layer (expected incidents per H3 cell for an hour or shift) and the top cells per grid. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HotspotMapDto, HotspotsQuery, HotspotsTopQuery, HotspotTopDto } from '@dispatch/contracts';
import { errorResponses } from './actor.js';

const hotspotRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { hotspots } = app.services;

  app.get(
    '/hotspots',
    {
      preHandler: app.requirePermission('coverage.read'),
      schema: {
        tags: ['hotspots'],
        description:
          "Expected incidents per H3 cell (GeoJSON polygons, highest first) in one hour of week, a shift, now (default) or the next shift, from the incidents of the last 28 days (cancelled ones left out) by the centre's local hour of week, smoothed over neighbouring hours, days and cells. Ask for one of hourOfWeek, shift (optionally with day) or when.",
        querystring: HotspotsQuery,
        response: { 200: HotspotMapDto, ...errorResponses },
      },
    },
    async (request) => hotspots.map(request.query),
  );

  app.get(
    '/hotspots/top',
    {
      preHandler: app.requirePermission('coverage.read'),
      schema: {
        tags: ['hotspots'],
        description:
          'The top cells of each grid (or of gridId) by priority-weighted incidents in the window, with their counts and main incident types.',
        querystring: HotspotsTopQuery,
        response: { 200: HotspotTopDto, ...errorResponses },
      },
    },
    async (request) => hotspots.top(request.query),
  );
};

export default hotspotRoutes;
