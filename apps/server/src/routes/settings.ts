/** Centre settings: the 1-3-5 clock targets and the response plans. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ClockTargetsDto } from '@dispatch/contracts';
import { domainError, DomainErrorException } from '@dispatch/domain';
import { validateResponsePlan, type ResponsePlan } from '@dispatch/dispatch';
import { writeAudit } from '../services/audit.js';
import { actorOf, errorResponses } from './actor.js';

const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { clocks, clockTargets, recommendations } = app.services;

  app.get(
    '/settings/clock-targets',
    {
      preHandler: app.authenticate,
      schema: { tags: ['settings'], response: { 200: ClockTargetsDto, ...errorResponses } },
    },
    async () => clockTargets(),
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
    async (request) => {
      const before = await clockTargets();
      await app.db.prisma.$transaction(async (tx) => {
        await tx.setting.upsert({
          where: { key: 'clock.targets' },
          create: { key: 'clock.targets', value: request.body },
          update: { value: request.body },
        });
        await writeAudit(tx, actorOf(request), app.services.ctx.now(), [
          {
            action: 'setting.clock_targets',
            entityType: 'setting',
            entityId: 'clock.targets',
            before,
            after: request.body,
          },
        ]);
      });
      clocks.targets = request.body;
      clocks.poke();
      return request.body;
    },
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
        params: Type.Object({ planId: Type.String({ maxLength: 64 }) }),
        body: Type.Unknown(),
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => {
      const plan = request.body as ResponsePlan;
      const issues = validateResponsePlan(plan);
      if (issues.length > 0) {
        const first = issues[0]!;
        throw new DomainErrorException(
          domainError('VALIDATION_FAILED', first.message, { field: `body.${first.path}`, issues }),
        );
      }
      if (plan.id !== request.params.planId) {
        throw new DomainErrorException(
          domainError('VALIDATION_FAILED', 'plan id differs from the URL', { field: 'body.id' }),
        );
      }
      const incidentType = plan.incidentType === '*' ? 'other' : plan.incidentType;
      const priority = plan.priorities?.length === 1 ? plan.priorities[0]! : 0;
      await app.db.prisma.$transaction(async (tx) => {
        await tx.responsePlan.upsert({
          where: { incidentType_priority: { incidentType, priority } },
          create: { incidentType, priority, plan: plan as never },
          update: { plan: plan as never },
        });
        await writeAudit(tx, actorOf(request), app.services.ctx.now(), [
          { action: 'plan.edit', entityType: 'plan', entityId: plan.id, after: plan },
        ]);
      });
      // After the commit: the next incident reads the edited plan.
      recommendations.invalidatePlans();
      return plan;
    },
  );
};

export default settingsRoutes;
