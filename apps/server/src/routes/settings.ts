/** Centre settings: the 1-3-5 clock targets and the response plans. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ClockTargetsDto, PlanIdParams, ResponsePlanBody } from '@dispatch/contracts';
import { actorOf, errorResponses } from './actor.js';

const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { recommendations, settings } = app.services;

  app.get(
    '/settings/clock-targets',
    {
      preHandler: app.authenticate,
      schema: { tags: ['settings'], response: { 200: ClockTargetsDto, ...errorResponses } },
    },
    async () => settings.clockTargets(),
  );

  app.put(
    '/settings/clock-targets',
    {
      preHandler: app.requirePermission('plan.edit'),
      schema: {
        tags: ['settings'],
        body: Type.Object(ClockTargetsDto.properties, { additionalProperties: false }),
        response: { 200: ClockTargetsDto, ...errorResponses },
      },
    },
    async (request) => settings.setClockTargets(request.body, actorOf(request)),
  );

  app.get(
    '/settings/response-plans',
    {
      preHandler: app.authenticate,
      schema: { tags: ['settings'], response: { 200: Type.Array(Type.Unknown()), ...errorResponses } },
    },
    async () => recommendations.plans(),
  );

  app.put(
    '/settings/response-plans/:planId',
    {
      preHandler: app.requirePermission('plan.edit'),
      schema: {
        tags: ['settings'],
        params: PlanIdParams,
        body: ResponsePlanBody,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => settings.saveResponsePlan(request.params.planId, request.body, actorOf(request)),
  );
};

export default settingsRoutes;
