/** Response-time review for shift leaders (issue: response-time review). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const reportRoutes: FastifyPluginAsyncTypebox = async () => {};

export default reportRoutes;
