/**
 * `pnpm import:grids FILE [--strict] [--report rejected.json]`
 *
 * Upserts patrol grids (by `properties.code`) from a GeoJSON FeatureCollection of Polygons or
 * MultiPolygons into the database the server uses, with the admin route's checks. Bad features are
 * reported; the valid ones are imported unless --strict. Restart a running server afterwards.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { importGrids } from '../src/importers/run-import.js';

const USAGE = 'usage: import:grids FILE [--strict] [--report rejected.json]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    strict: { type: 'boolean' },
    report: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || !positionals[0]) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
// `pnpm import:roads FILE` runs in apps/server: resolve FILE against where the command was typed.
const file = resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]);

// The importer signs no tokens: demo defaults only spare it a JWT_SECRET.
const config = loadConfig({ ...process.env, DEMO: process.env.DEMO ?? '1' });
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
console.error(`writing to ${database.engine === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL'}`);
try {
  const outcome = await importGrids(
    { file, strict: values.strict ?? false, ...(values.report ? { reportFile: values.report } : {}) },
    { database, timeZone: config.timeZone, io: { out: console.log, err: console.error } },
  );
  process.exitCode = outcome.exitCode;
} finally {
  await database.close();
}
