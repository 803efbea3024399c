/**
 * `pnpm import:roads FILE [--name NAME] [--format geojson|osm|pbf] [--report rejected.json] [--dry-run]`
 *
 * Replaces the active road network in the database the server uses (DATABASE_URL, else the PGlite
 * DATA_DIR) with the roads of an OpenStreetMap-derived GeoJSON, .osm XML or .osm.pbf file. A
 * running server keeps its network in memory: restart it afterwards (or use POST /api/map/roads).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { importRoads, type RoadFormat } from '../src/importers/run-import.js';

const USAGE =
  'usage: import:roads FILE [--name NAME] [--format geojson|osm|pbf] [--report rejected.json] [--dry-run]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    format: { type: 'string' },
    report: { type: 'string' },
    'dry-run': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || !positionals[0]) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
// `pnpm import:roads FILE` runs in apps/server: resolve FILE against where the command was typed.
const file = resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]);
if (values.format && !['geojson', 'osm', 'pbf'].includes(values.format)) {
  console.error(`unknown --format ${values.format}\n${USAGE}`);
  process.exit(2);
}

// The importer signs no tokens: demo defaults only spare it a JWT_SECRET.
const config = loadConfig({ ...process.env, DEMO: process.env.DEMO ?? '1' });
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
console.error(`writing to ${database.engine === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL'}`);
try {
  const outcome = await importRoads(
    {
      file,
      ...(values.name ? { name: values.name } : {}),
      ...(values.format ? { format: values.format as RoadFormat } : {}),
      ...(values.report ? { reportFile: values.report } : {}),
      dryRun: values['dry-run'] ?? false,
    },
    { database, timeZone: config.timeZone, io: { out: console.log, err: console.error } },
  );
  process.exitCode = outcome.exitCode;
} finally {
  await database.close();
}
