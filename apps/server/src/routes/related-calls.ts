/** Duplicate and related calls while a call is taken; attaching the call to an open incident. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddCallerBody,
  IdParams,
  IncidentDto,
  RelatedCallsDto,
  RelatedCallsQuery,
} from '@dispatch/contracts';
import { actorOf, errorResponses } from './actor.js';

const relatedCallRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { relatedCalls } = app.services;

  app.get(
    '/incidents/related',
    {
      preHandler: app.requirePermission('incident.create'),
      schema: {
        tags: ['incidents'],
        description:
          "Open incidents a call being taken may be about (within its type's radius and time window, the same phone wider), likeliest first, and the calls at this place in the last 30 days.",
        querystring: RelatedCallsQuery,
        response: { 200: RelatedCallsDto, ...errorResponses },
      },
    },
    async (request) => relatedCalls.related(request.query),
  );

  app.post(
    '/incidents/:id/callers',
    {
      preHandler: app.requirePermission('incident.update'),
      schema: {
        tags: ['incidents'],
        description:
          'Attaches the call being taken to this open incident as a further caller (追加报警) instead of opening a new one. Idempotent per callId.',
        params: IdParams,
        body: AddCallerBody,
        response: { 200: IncidentDto, ...errorResponses },
      },
    },
    async (request) => relatedCalls.addCaller(request.params.id, request.body, actorOf(request)),
  );
};

export default relatedCallRoutes;
