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

export function pgRunner(client: pg.ClientBase): SqlRunner {
  const runner: SqlRunner = {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    transaction: async (work) => {
      await client.query('BEGIN');
      try {
        const result = await work(runner);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
  };
  return runner;
}

function poolRunner(pool: pg.Pool): SqlRunner {
  return {
    exec: async (sql) => {
      await pool.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    // A transaction needs one connection for its whole length.
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        return await pgRunner(client).transaction(work);
      } finally {
        client.release();
      }
    },
  };
}

type PGliteQueryable = Pick<PGlite, 'exec' | 'query'>;

export function pgliteRunner(db: PGliteQueryable, root?: PGlite): SqlRunner {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
    // PGlite is one connection; its transaction() holds it exclusively, so other work waits.
    transaction: async (work) => {
      if (!root) return work(pgliteRunner(db));
      return root.transaction((tx) => work(pgliteRunner(tx as unknown as PGliteQueryable)));
    },
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
    // A connection the server ends (a restart, a failover, an admin) while it is checked out but
    // between statements reports on the client itself; unhandled, that error ends the process.
    // Its holder sees the failure on its next statement; the pool then drops the connection.
    pool.on('connect', (client) => {
      client.on('error', (error: Error & { code?: string }) =>
        console.warn(`database: connection closed by the server (${error.code ?? error.message})`),
      );
    });
    // An idle connection the server ends is reported on the pool (which then drops it); without a
    // listener it is an uncaught exception. The next checkout opens a fresh connection.
    pool.on('error', (error: Error & { code?: string }) =>
      console.warn(`database: idle connection closed by the server (${error.code ?? error.message})`),
    );
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const runner = poolRunner(pool);
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
  const runner = pgliteRunner(pglite, pglite);
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
