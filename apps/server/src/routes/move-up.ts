/**
 * Move-up after a dispatch: the pending recommendations (staff screens), accepting one (a standby
 * order for its unit) or declining it, and the settings that shape them.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  IdParams,
  MoveUpAcceptedDto,
  MoveUpDecisionBody,
  MoveUpDto,
  MoveUpSettingsDto,
} from '@dispatch/contracts';
import { actorOf, errorResponses } from './actor.js';

const moveUpRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { moveUp } = app.services;

  app.get(
    '/move-ups',
    {
      preHandler: app.requirePermission('coverage.read'),
      schema: {
        tags: ['coverage'],
        description: 'Pending move-up recommendations (still offered, their unit still free), oldest first.',
        response: { 200: Type.Array(MoveUpDto), ...errorResponses },
      },
    },
    async () => moveUp.pending(),
  );

  app.post(
    '/move-ups/:id/accept',
    {
      preHandler: app.requirePermission('standby.order'),
      schema: {
        tags: ['coverage'],
        description:
          'Accepts a pending move-up: its unit gets a standby order (reason move_up) at the site. 409 MOVE_UP_DECIDED when someone decided first, MOVE_UP_EXPIRED when it is no longer offered, UNIT_NOT_AVAILABLE when its unit is no longer free.',
        params: IdParams,
        body: MoveUpDecisionBody,
        response: { 200: MoveUpAcceptedDto, ...errorResponses },
      },
    },
    async (request) => moveUp.accept(request.params.id, request.body, actorOf(request)),
  );

  app.post(
    '/move-ups/:id/decline',
    {
      preHandler: app.requirePermission('standby.order'),
      schema: {
        tags: ['coverage'],
        description: 'Declines a pending move-up (same conflicts as accept).',
        params: IdParams,
        body: MoveUpDecisionBody,
        response: { 200: MoveUpDto, ...errorResponses },
      },
    },
    async (request) => moveUp.decline(request.params.id, request.body, actorOf(request)),
  );

  app.get(
    '/settings/move-up',
    {
      preHandler: app.requirePermission('coverage.read'),
      schema: { tags: ['settings'], response: { 200: MoveUpSettingsDto, ...errorResponses } },
    },
    async () => moveUp.settings(),
  );

  app.put(
    '/settings/move-up',
    {
      preHandler: app.requirePermission('plan.edit'),
      schema: {
        tags: ['settings'],
        description: 'How many moves per hole set, how often a unit may move, station area, expiry.',
        body: MoveUpSettingsDto,
        response: { 200: MoveUpSettingsDto, ...errorResponses },
      },
    },
    async (request) => moveUp.setSettings(request.body, actorOf(request)),
  );
};

export default moveUpRoutes;
