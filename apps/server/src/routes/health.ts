/** Liveness and a few figures for operators (no auth: load balancers call it). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { tags: ['health'] } }, async () => ({
    ok: true,
    engine: app.db.engine,
    roadNetwork: app.services.roads.network !== null,
    positions: app.services.positions.stats,
  }));
};

export default healthRoutes;
