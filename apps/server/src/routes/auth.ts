/** Login (username + password -> bearer token) and who-am-I. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LoginBody, LoginResponse, SessionUserDto } from '@dispatch/contracts';
import { toSessionUser } from '../services/auth-service.js';
import { errorResponses } from './actor.js';

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { auth } = app.services;
  app.post(
    '/auth/login',
    { schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginResponse, ...errorResponses } } },
    async (request) => {
      const user = await auth.checkCredentials(request.body.username, request.body.password);
      const token = app.jwt.sign({
        sub: user.id,
        username: user.username,
        role: user.role,
        unitId: user.unitId,
      });
      return { token, user: toSessionUser(user) };
    },
  );

  app.get(
    '/auth/me',
    {
      preHandler: app.authenticate,
      schema: { tags: ['auth'], response: { 200: SessionUserDto, ...errorResponses } },
    },
    async (request) => toSessionUser(await auth.activeUser(request.user.sub)),
  );
};

export default authRoutes;
