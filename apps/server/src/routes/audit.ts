/** Audit trail: who changed what, when, with before and after. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { AuditEventDto, AuditQuery } from '@dispatch/contracts';
import { listAudit } from '../services/audit.js';
import { errorResponses } from './actor.js';

const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      preHandler: app.requirePermission('audit.read'),
      schema: {
        tags: ['audit'],
        querystring: AuditQuery,
        response: { 200: Type.Array(AuditEventDto), ...errorResponses },
      },
    },
    async (request) => listAudit(app.services.ctx, request.query),
  );
};

export default auditRoutes;
