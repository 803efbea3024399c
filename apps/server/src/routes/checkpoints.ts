/** Checkpoints on the roads out of an incident's area: preview, dispatch, and the ones held. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  ActiveCheckpointDto,
  CheckpointDispatchDto,
  CheckpointPlanDto,
  CheckpointPreviewQuery,
  CheckpointsBody,
  IdParams,
} from '@dispatch/contracts';
import { isAssignmentActive } from '@dispatch/domain';
import { toAssignmentDto, toIncidentDto } from '../services/dto.js';
import { actorOf, errorResponses, incidentReadContext } from './actor.js';

const responses = { ...errorResponses, 422: { $ref: 'ErrorBody#' } } as const;

const checkpointRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { checkpoints, incidents } = app.services;

  app.get(
    '/incidents/:id/checkpoints/preview',
    {
      preHandler: app.requirePermission('incident.dispatch'),
      schema: {
        tags: ['dispatch'],
        params: IdParams,
        querystring: CheckpointPreviewQuery,
        response: { 200: CheckpointPlanDto, ...responses },
      },
    },
    async (request) => checkpoints.preview(request.params.id, request.query),
  );

  app.post(
    '/incidents/:id/checkpoints',
    {
      // Every field has a default: a body-less POST is validated as `{}`.
      preValidation: async (request) => {
        request.body ??= {};
      },
      preHandler: app.requirePermission('incident.dispatch'),
      schema: {
        tags: ['dispatch'],
        params: IdParams,
        body: CheckpointsBody,
        response: { 200: CheckpointDispatchDto, ...responses },
      },
    },
    async (request) => {
      const outcome = await checkpoints.dispatch(request.params.id, request.body, actorOf(request));
      return {
        incident: toIncidentDto(outcome.incident),
        assignments: outcome.incident.assignments
          .filter((a) => outcome.assignmentIds.includes(a.id))
          .map(toAssignmentDto),
        plan: outcome.plan,
      };
    },
  );

  app.get(
    '/incidents/:id/checkpoints',
    {
      preHandler: app.requirePermission('incident.read', incidentReadContext(incidents)),
      schema: {
        tags: ['dispatch'],
        params: IdParams,
        response: { 200: Type.Array(ActiveCheckpointDto), ...responses },
      },
    },
    async (request) => {
      const incident = await incidents.get(request.params.id);
      const records = await checkpoints.activeCheckpoints(incident.id);
      return incident.assignments
        .filter((a) => a.role === 'checkpoint' && isAssignmentActive(a.status) && records.has(a.id))
        .map((a) => {
          const r = records.get(a.id)!;
          return {
            assignmentId: a.id,
            unitId: a.unitId,
            callSign: a.unit.callSign,
            status: a.status,
            checkpointId: r.checkpointId,
            lngLat: r.lngLat,
            roadName: r.roadName,
            highway: r.highway,
            headingDeg: r.headingDeg,
            suspectEtaSeconds: r.suspectEtaSeconds,
            marginSeconds: r.marginSeconds,
          };
        });
    },
  );
};

export default checkpointRoutes;
