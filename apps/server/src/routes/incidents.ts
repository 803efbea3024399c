/** Incidents: intake, queue, detail with timeline, dispatch, lifecycle, recommendations. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  AuditEventDto,
  CancelBody,
  CreateIncidentBody,
  DispatchBody,
  IdParams,
  IncidentDto,
  ListIncidentsQuery,
  RecommendationsDto,
  RecommendQuery,
  ResolveBody,
  AssignmentDto,
} from '@dispatch/contracts';
import type { FastifyRequest } from 'fastify';
import { activeUnitIds, can, readScope, type Priority } from '@dispatch/domain';
import { toAssignmentDto, toIncidentDto } from '../services/dto.js';
import { withoutCaller } from '../services/incident-service.js';
import { actorOf, errorResponses, incidentReadContext } from './actor.js';

/** Close takes no input; an empty strict object still rejects smuggled fields (closedAt...). */
const CloseBody = Type.Object({}, { additionalProperties: false });

/** Lets a body-less POST reach a route whose body is optional (validated as `{}`). */
const optionalBody = async (request: { body: unknown }) => {
  request.body ??= {};
};

const incidentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { incidents, dispatch, recommendations, gridIndex } = app.services;
  // A unit reads an incident it is or was recently on; staff need no lookup.
  const unitRelations = new WeakMap<FastifyRequest, { had: boolean; active: boolean }>();
  const unitOnIncident = incidentReadContext(incidents, (request, relation) =>
    unitRelations.set(request, relation),
  );

  app.post(
    '/incidents',
    {
      preHandler: app.requirePermission('incident.create'),
      schema: {
        tags: ['incidents'],
        body: CreateIncidentBody,
        description:
          'Takes a call. With a client-chosen `id`, a retry returns the call already taken (200) instead of a second one.',
        response: { 200: IncidentDto, 201: IncidentDto, ...errorResponses },
      },
    },
    async (request, reply) => {
      // Urgent types go out at once; if nobody is free the incident stays in the queue, visible.
      const { incident, autoDispatch, replayed } = await incidents.create(request.body, actorOf(request), {
        allowAutoDispatch: true,
      });
      if (replayed) return reply.status(200).send(toIncidentDto(incident));
      if (autoDispatch && autoDispatch.sent === 0) {
        const { error, ...outcome } = { error: undefined, ...autoDispatch };
        request.log.warn({ err: error, incidentId: incident.id, ...outcome }, 'auto-dispatch sent no unit');
      }
      return reply.status(201).send(toIncidentDto(incident));
    },
  );

  app.get(
    '/incidents',
    {
      // A unit terminal lists only its incidents (the list is filtered below).
      preHandler: app.requirePermission('incident.read', () => ({ actorHadIncident: true })),
      schema: {
        tags: ['incidents'],
        querystring: ListIncidentsQuery,
        response: { 200: Type.Array(IncidentDto), ...errorResponses },
      },
    },
    async (request) => {
      const { role, unitId } = request.user;
      if (readScope(role, 'incident.read') === 'all') return incidents.list(request.query);
      return unitId ? incidents.listForUnit(unitId, request.query) : [];
    },
  );

  app.get(
    '/incidents/:id',
    {
      preHandler: app.requirePermission('incident.read', unitOnIncident),
      schema: {
        tags: ['incidents'],
        params: IdParams,
        response: {
          200: Type.Intersect([IncidentDto, Type.Object({ timeline: Type.Array(AuditEventDto) })]),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const detail = await incidents.detail(request.params.id);
      const relation = unitRelations.get(request);
      const mayReadCaller = can(request.user.role, 'incident.read_caller', {
        actorUnitId: request.user.unitId,
        actorAssignedToIncident: relation?.active ?? false,
      });
      return mayReadCaller ? detail : withoutCaller(detail);
    },
  );

  app.post(
    '/incidents/:id/dispatch',
    {
      preHandler: app.requirePermission('incident.dispatch'),
      schema: {
        tags: ['incidents'],
        params: IdParams,
        body: DispatchBody,
        response: {
          200: Type.Object({ incident: IncidentDto, assignments: Type.Array(AssignmentDto) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const outcome = await dispatch.dispatch(request.params.id, request.body, actorOf(request));
      const dto = toIncidentDto(outcome.incident);
      return {
        incident: dto,
        assignments: outcome.incident.assignments
          .filter((a) => outcome.assignmentIds.includes(a.id))
          .map(toAssignmentDto),
      };
    },
  );

  app.post(
    '/incidents/:id/cancel',
    {
      preValidation: optionalBody,
      preHandler: app.requirePermission('incident.cancel'),
      schema: {
        tags: ['incidents'],
        params: IdParams,
        body: CancelBody,
        response: { 200: IncidentDto, ...errorResponses },
      },
    },
    async (request) =>
      toIncidentDto(
        await incidents.transition(
          request.params.id,
          { type: 'cancel' },
          actorOf(request),
          request.body.reason,
        ),
      ),
  );

  app.post(
    '/incidents/:id/resolve',
    {
      preHandler: app.requirePermission('incident.resolve', async (request) => {
        const { id } = request.params as { id: string };
        if (!request.user.unitId) return {};
        return { actorAssignedToIncident: await incidents.isUnitActiveOn(id, request.user.unitId) };
      }),
      schema: {
        tags: ['incidents'],
        params: IdParams,
        body: ResolveBody,
        response: { 200: IncidentDto, ...errorResponses },
      },
    },
    async (request) =>
      toIncidentDto(
        await incidents.transition(
          request.params.id,
          { type: 'resolve', resolution: request.body.resolution },
          actorOf(request),
          request.body.note,
        ),
      ),
  );

  app.post(
    '/incidents/:id/close',
    {
      preValidation: optionalBody,
      preHandler: app.requirePermission('incident.close'),
      schema: {
        tags: ['incidents'],
        params: IdParams,
        body: CloseBody,
        response: { 200: IncidentDto, ...errorResponses },
      },
    },
    async (request) =>
      toIncidentDto(await incidents.transition(request.params.id, { type: 'close' }, actorOf(request))),
  );

  app.get(
    '/incidents/:id/recommendations',
    {
      preHandler: app.requirePermission('incident.dispatch'),
      schema: {
        tags: ['dispatch'],
        params: IdParams,
        response: { 200: RecommendationsDto, ...errorResponses },
      },
    },
    async (request) => {
      const incident = await incidents.get(request.params.id);
      return recommendations.recommend({
        lngLat: [incident.lng, incident.lat],
        type: incident.type,
        priority: incident.priority as Priority,
        gridId: incident.gridId,
        assignedUnitIds: activeUnitIds(incident.assignments),
      });
    },
  );

  // Dispatch while taking the call: rank units for a bare location + type before anything is saved.
  app.get(
    '/recommendations',
    {
      preHandler: app.requirePermission('incident.create'),
      schema: {
        tags: ['dispatch'],
        querystring: RecommendQuery,
        response: { 200: RecommendationsDto, ...errorResponses },
      },
    },
    async (request) => {
      const { lng, lat, type, priority, limit } = request.query;
      const lngLat = [lng, lat] as const;
      return recommendations.recommend({
        lngLat,
        type: type ?? null,
        priority: priority as Priority,
        gridId: gridIndex.locate(lngLat),
        limit: limit ?? 10,
      });
    },
  );
};

export default incidentRoutes;
