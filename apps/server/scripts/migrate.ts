/**
 * `pnpm db:migrate`: applies pending migrations from prisma/migrations to DATABASE_URL (or the
 * PGlite DATA_DIR), the stand-in for `prisma migrate deploy`, whose native schema engine cannot be
 * downloaded here. Same runner as server start-up: checksums recorded in _prisma_migrations,
 * one advisory lock so two nodes starting together do not race.
 */
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../src/config.js';
import { pgliteRunner, pgRunner } from '../src/db/database.js';
import { migrate, readMigrations } from '../src/db/migrate.js';

const config = loadConfig({ ...process.env, DEMO: process.env.DEMO ?? '1' });
const migrations = readMigrations();
let applied: string[];
let target: string;
if (config.databaseUrl) {
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    applied = await migrate(pgRunner(client), migrations);
  } finally {
    await client.end();
  }
  target = `database ${new URL(config.databaseUrl).pathname.slice(1)}`;
} else {
  const pglite = await PGlite.create(config.dataDir);
  try {
    applied = await migrate(pgliteRunner(pglite, pglite), migrations);
  } finally {
    await pglite.close();
  }
  target = `PGlite ${config.dataDir}`;
}
console.log(
  applied.length
    ? `applied ${applied.length} migration(s) to ${target}:\n  ${applied.join('\n  ')}`
    : `${target} is up to date (${migrations.length} migrations)`,
);
