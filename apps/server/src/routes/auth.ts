/**
 * Sign-in (username + password [+ one-time code] -> a session and its bearer token), sign-out,
 * unlocking an idle console, who-am-I, and enrolling the TOTP second factor.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  LoginBody,
  LoginResponse,
  SessionUserDto,
  TotpConfirmBody,
  TotpEnrolment,
  UnlockBody,
} from '@dispatch/contracts';
import { toSessionUser } from '../services/auth-service.js';
import { errorResponses } from './actor.js';

const limited = { 423: { $ref: 'ErrorBody#' }, 429: { $ref: 'ErrorBody#' } } as const;
const Ok = Type.Object({ ok: Type.Boolean() });

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { auth, sessions } = app.services;
  app.post(
    '/auth/login',
    {
      // Per client address (@fastify/rate-limit); the per-account lockout is AuthService's.
      config: { rateLimit: {} },
      schema: {
        tags: ['auth'],
        body: LoginBody,
        response: { 200: LoginResponse, ...errorResponses, ...limited },
      },
    },
    async (request) => {
      const { username, password, otp } = request.body;
      const user = await auth.checkCredentials(username, password, otp);
      const session = await sessions.start(user);
      return {
        token: app.issueToken(user, session),
        user: toSessionUser(user),
        idleLockSeconds: sessions.idleLockSeconds(session),
      };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], response: { 200: Ok, ...errorResponses } } },
    async (request) => {
      await sessions.end(request.user.sid, 'logout');
      await app.dropEndedSessions();
      return { ok: true };
    },
  );

  app.post(
    '/auth/unlock',
    {
      config: { rateLimit: {} },
      schema: { tags: ['auth'], body: UnlockBody, response: { 200: Ok, ...errorResponses, ...limited } },
    },
    async (request) => {
      await auth.checkPassword(request.user.sub, request.body.password);
      await sessions.unlock(request.user.sid);
      return { ok: true };
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

  app.post(
    '/auth/totp',
    { schema: { tags: ['auth'], response: { 200: TotpEnrolment, ...errorResponses } } },
    async (request) => auth.beginTotpEnrolment(request.user.sub),
  );

  app.post(
    '/auth/totp/confirm',
    {
      config: { rateLimit: {} },
      schema: { tags: ['auth'], body: TotpConfirmBody, response: { 200: Ok, ...errorResponses, ...limited } },
    },
    async (request) => {
      await auth.confirmTotp(request.user.sub, request.body.otp);
      return { ok: true };
    },
  );
};

export default authRoutes;
