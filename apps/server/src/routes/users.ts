/** Admin only: open sessions, ending them, role changes, and wall screens' device credentials. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  ChangeRoleBody,
  CreateDeviceBody,
  DeviceCredential,
  EndedSessions,
  IdParams,
  SessionDto,
  SessionsQuery,
} from '@dispatch/contracts';
import { actorOf, errorResponses } from './actor.js';

const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { sessions } = app.services;
  const admin = app.requirePermission('user.manage');

  app.get(
    '/sessions',
    {
      preHandler: admin,
      schema: {
        tags: ['users'],
        querystring: SessionsQuery,
        response: { 200: Type.Array(SessionDto), ...errorResponses },
      },
    },
    async (request) => sessions.listOpen(request.query.userId),
  );

  app.post(
    '/sessions/:id/end',
    {
      preHandler: admin,
      schema: { tags: ['users'], params: IdParams, response: { 200: EndedSessions, ...errorResponses } },
    },
    async (request) => {
      await sessions.endOneByAdmin(actorOf(request), request.params.id);
      await app.dropEndedSessions();
      return { ended: 1 };
    },
  );

  app.post(
    '/users/:id/sessions/end',
    {
      preHandler: admin,
      schema: { tags: ['users'], params: IdParams, response: { 200: EndedSessions, ...errorResponses } },
    },
    async (request) => {
      const ended = await sessions.endForUserByAdmin(actorOf(request), request.params.id);
      await app.dropEndedSessions();
      return { ended };
    },
  );

  app.put(
    '/users/:id/role',
    {
      preHandler: admin,
      schema: {
        tags: ['users'],
        params: IdParams,
        body: ChangeRoleBody,
        response: { 200: EndedSessions, ...errorResponses },
      },
    },
    async (request) => {
      const ended = await sessions.changeRole(actorOf(request), request.params.id, request.body.role);
      await app.dropEndedSessions();
      return { ended };
    },
  );

  app.post(
    '/devices',
    {
      preHandler: admin,
      schema: {
        tags: ['users'],
        body: CreateDeviceBody,
        response: { 201: DeviceCredential, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { user, session } = await sessions.startDevice(
        actorOf(request),
        request.body.username,
        request.body.label,
      );
      reply.status(201);
      return { token: app.issueToken(user, session), session: sessions.toDto(session, user) };
    },
  );
};

export default userRoutes;
