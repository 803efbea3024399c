/** Today's headline figures for the wall screen, computed in SQL over the centre's calendar day. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses } from './actor.js';

const N = Type.Union([Type.Number(), Type.Null()]);
const KpiDto = Type.Object({
  openIncidents: Type.Integer(),
  breaches: Type.Integer(),
  medianDispatchSeconds: N,
  shareOnSceneWithin3: N,
  shareOnSceneWithin5: N,
  unitsFree: Type.Integer(),
  unitsBusy: Type.Integer(),
});

const kpiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/kpi/today',
    {
      preHandler: app.authenticate,
      schema: { tags: ['reports'], response: { 200: KpiDto, ...errorResponses } },
    },
    async () => app.services.kpi.today(app.services.ctx.now()),
  );
};

export default kpiRoutes;
