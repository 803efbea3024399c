/**
 * `pnpm import:roads FILE [--name NAME] [--format geojson|osm|pbf] [--report rejected.json] [--dry-run]`
 *
 * Replaces the active road network in the database the server uses (DATABASE_URL, else the PGlite
 * DATA_DIR) with the roads of an OpenStreetMap-derived GeoJSON, .osm XML or .osm.pbf file. A
 * running server keeps its network in memory: restart it afterwards (or use POST /api/map/roads).
 */
import { parseArgs } from 'node:util';
import { importRoads, type RoadFormat } from '../src/importers/run-import.js';
import { fileArgument, runImport } from './import-cli.js';

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
const file = fileArgument(USAGE, values.help, positionals);
if (values.format && !['geojson', 'osm', 'pbf'].includes(values.format)) {
  console.error(`unknown --format ${values.format}\n${USAGE}`);
  process.exit(2);
}

await runImport((ctx) =>
  importRoads(
    {
      file,
      ...(values.name ? { name: values.name } : {}),
      ...(values.format ? { format: values.format as RoadFormat } : {}),
      ...(values.report ? { reportFile: values.report } : {}),
      dryRun: values['dry-run'] ?? false,
    },
    ctx,
  ),
);
