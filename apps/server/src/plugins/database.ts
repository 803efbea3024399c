/** Opens the database (PostgreSQL or PGlite), exposes it as `app.db`, closes it with the app. */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../db/database.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

export interface DatabasePluginOptions {
  /** An already-open database (tests, several apps sharing one); otherwise opened from these. */
  database?: Database;
  databaseUrl?: string | undefined;
  dataDir?: string;
}

export default fp<DatabasePluginOptions>(async function database(app: FastifyInstance, options) {
  const db =
    options.database ?? (await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir }));
  app.decorate('db', db);
  app.log.info({ engine: db.engine }, 'database ready');
  if (!options.database) app.addHook('onClose', async () => db.close());
});
