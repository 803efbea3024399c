/**
 * What every import command (`import:roads|grids|addresses`) does around its importer: the file
 * argument resolved against where the command was typed, and the database the server uses
 * opened, named, handed over and closed.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import type { ImportContext } from '../src/importers/run-import.js';

/** FILE, or the usage and exit (0 with --help, 2 without a file). */
export function fileArgument(
  usage: string,
  help: boolean | undefined,
  positionals: readonly string[],
): string {
  if (help || !positionals[0]) {
    console.error(usage);
    process.exit(help ? 0 : 2);
  }
  // `pnpm import:... FILE` runs in apps/server: resolve FILE against where the command was typed.
  return resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]);
}

/** Runs `work` against the server's database (DATABASE_URL, else PGlite in DATA_DIR); its exit code is the process's. */
export async function runImport(work: (ctx: ImportContext) => Promise<{ exitCode: number }>): Promise<void> {
  // The importer signs no tokens: demo defaults only spare it a JWT_SECRET.
  const config = loadConfig({ ...process.env, DEMO: process.env.DEMO ?? '1' });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  console.error(`writing to ${database.engine === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL'}`);
  try {
    const outcome = await work({
      database,
      timeZone: config.timeZone,
      io: { out: console.log, err: console.error },
    });
    process.exitCode = outcome.exitCode;
  } finally {
    await database.close();
  }
}
