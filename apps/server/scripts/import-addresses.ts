/**
 * `pnpm import:addresses FILE.csv [--strict] [--dry-run] [--replace] [--report rejected.json]`
 *
 * The centre's standard-address list (标准地址) into the gazetteer: columns name/名称,
 * address/地址, aliases/别名 (separated by ; or |), lng/经度, lat/纬度, key_place/重点部位 and
 * code/编码 (the stable key: re-importing updates, never doubles). Bad rows are listed by row,
 * column and reason; the valid ones are imported unless --strict. --replace removes the standard
 * addresses missing from the file. A running server picks the change up within 15 s.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { importAddresses } from '../src/importers/run-import.js';

const USAGE = 'usage: import:addresses FILE.csv [--strict] [--dry-run] [--replace] [--report rejected.json]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    strict: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    replace: { type: 'boolean' },
    report: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || !positionals[0]) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
const file = resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]);

const config = loadConfig({ ...process.env, DEMO: process.env.DEMO ?? '1' });
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
console.error(`writing to ${database.engine === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL'}`);
try {
  const outcome = await importAddresses(
    {
      file,
      strict: values.strict ?? false,
      dryRun: values['dry-run'] ?? false,
      replace: values.replace ?? false,
      ...(values.report ? { reportFile: values.report } : {}),
    },
    { database, timeZone: config.timeZone, io: { out: console.log, err: console.error } },
  );
  process.exitCode = outcome.exitCode;
} finally {
  await database.close();
}
