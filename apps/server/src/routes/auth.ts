/** Login (username + password -> bearer token) and who-am-I. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { verify } from '@node-rs/argon2';
import { LoginBody, LoginResponse, SessionUserDto } from '@dispatch/contracts';
import { domainError, DomainErrorException } from '@dispatch/domain';
import { errorResponses } from './actor.js';

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login',
    { schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginResponse, ...errorResponses } } },
    async (request) => {
      const user = await app.db.prisma.user.findUnique({ where: { username: request.body.username } });
      // Same answer for unknown user and wrong password: no user enumeration.
      const valid =
        user && !user.disabled && (await verify(user.passwordHash, request.body.password).catch(() => false));
      if (!user || !valid) {
        throw new DomainErrorException(domainError('UNAUTHENTICATED', 'Wrong username or password'));
      }
      const token = app.jwt.sign({
        sub: user.id,
        username: user.username,
        role: user.role,
        unitId: user.unitId,
      });
      return {
        token,
        user: {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          unitId: user.unitId,
        },
      };
    },
  );

  app.get(
    '/auth/me',
    {
      preHandler: app.authenticate,
      schema: { tags: ['auth'], response: { 200: SessionUserDto, ...errorResponses } },
    },
    async (request) => {
      const user = await app.db.prisma.user.findUnique({ where: { id: request.user.sub } });
      if (!user || user.disabled)
        throw new DomainErrorException(domainError('UNAUTHENTICATED', 'User no longer exists'));
      return {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        unitId: user.unitId,
      };
    },
  );
};

export default authRoutes;
