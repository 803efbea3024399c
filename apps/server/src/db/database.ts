/**
 * One code path for both engines: real PostgreSQL (DATABASE_URL set) through Prisma's `pg` driver
 * adapter, or the embedded default, PGlite persisted in a data directory. Only the adapter differs;
 * the same migrations are applied on start.
 */
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { migrate, readMigrations, type SqlRunner } from './migrate.js';

export type DatabaseEngine = 'postgres' | 'pglite';

export interface Database {
  prisma: PrismaClient;
  engine: DatabaseEngine;
  /** Runs raw SQL outside Prisma (used by the migration runner and tests). */
  runner: SqlRunner;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite engine is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** Connection pool size for PostgreSQL. */
  poolSize?: number;
  migrate?: boolean;
}

function pgRunner(client: pg.ClientBase): SqlRunner {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
  };
}

function pgliteRunner(db: PGlite): SqlRunner {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
  };
}

/** Opens the database, applies pending migrations and returns a Prisma client over it. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const migrations = readMigrations();
  if (options.databaseUrl) {
    // Migrations run on one dedicated connection so the advisory lock covers them all.
    if (options.migrate !== false) {
      const client = new pg.Client({ connectionString: options.databaseUrl });
      await client.connect();
      try {
        await migrate(pgRunner(client), migrations);
      } finally {
        await client.end();
      }
    }
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const runner: SqlRunner = {
      exec: async (sql) => {
        await pool.query(sql);
      },
      query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    };
    return {
      prisma,
      engine: 'postgres',
      runner,
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  const dataDir = options.dataDir ?? '.data/pglite';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  const runner = pgliteRunner(pglite);
  if (options.migrate !== false) await migrate(runner, migrations);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    engine: 'pglite',
    runner,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
