/**
 * `pnpm import:grids FILE [--strict] [--report rejected.json]`
 *
 * Upserts patrol grids (by `properties.code`) from a GeoJSON FeatureCollection of Polygons or
 * MultiPolygons into the database the server uses, with the admin route's checks. Bad features are
 * reported; the valid ones are imported unless --strict. Restart a running server afterwards.
 */
import { parseArgs } from 'node:util';
import { importGrids } from '../src/importers/run-import.js';
import { fileArgument, runImport } from './import-cli.js';

const USAGE = 'usage: import:grids FILE [--strict] [--report rejected.json]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    strict: { type: 'boolean' },
    report: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const file = fileArgument(USAGE, values.help, positionals);

await runImport((ctx) =>
  importGrids(
    { file, strict: values.strict ?? false, ...(values.report ? { reportFile: values.report } : {}) },
    ctx,
  ),
);
