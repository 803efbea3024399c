/**
 * A fresh, migrated database per test file: a new database on the PostgreSQL server named by
 * DATABASE_URL (dropped afterwards), or in-memory PGlite when DATABASE_URL is unset.
 * TEST_DATABASE_PREFIX (default `dispatch_test_`) names them, so parallel runs on one server can
 * tell theirs apart.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/database.js';

export interface TestDatabase extends Database {
  /** Connection string of the fresh database (PostgreSQL only). */
  url: string | undefined;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const db = await openDatabase({ dataDir: 'memory://' });
    return { ...db, url: undefined };
  }
  const prefix = process.env.TEST_DATABASE_PREFIX ?? 'dispatch_test_';
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix))
    throw new Error(`TEST_DATABASE_PREFIX: not a plain name: ${prefix}`);
  const name = `${prefix}${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 20 });
  return {
    ...db,
    url: url.toString(),
    close: async () => {
      await db.close();
      const dropper = new pg.Client({ connectionString: baseUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}
