/** Audit trail: who changed what, when, with before and after. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { AuditEventDto, AuditQuery } from '@dispatch/contracts';
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
    async (request) => {
      const q = request.query;
      const rows = await app.db.prisma.auditEvent.findMany({
        where: {
          ...(q.entityType ? { entityType: q.entityType } : {}),
          ...(q.entityId ? { entityId: q.entityId } : {}),
          ...(q.actorId ? { actorId: q.actorId } : {}),
          ...(q.from || q.to
            ? {
                at: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lt: new Date(q.to) } : {}) },
              }
            : {}),
        },
        orderBy: { at: 'desc' },
        take: q.limit ?? 200,
      });
      return rows.map((e) => ({ ...e, id: e.id.toString(), at: e.at.toISOString() }));
    },
  );
};

export default auditRoutes;
