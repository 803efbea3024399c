/**
 * `pnpm import:addresses FILE.csv [--strict] [--dry-run] [--replace] [--report rejected.json]`
 *
 * The centre's standard-address list (标准地址) into the gazetteer: columns name/名称,
 * address/地址, aliases/别名 (separated by ; or |), lng/经度, lat/纬度, key_place/重点部位 and
 * code/编码 (the stable key: re-importing updates, never doubles). Bad rows are listed by row,
 * column and reason; the valid ones are imported unless --strict. --replace removes the standard
 * addresses missing from the file. A running server picks the change up within 15 s.
 */
import { parseArgs } from 'node:util';
import { importAddresses } from '../src/importers/run-import.js';
import { fileArgument, runImport } from './import-cli.js';

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
const file = fileArgument(USAGE, values.help, positionals);

await runImport((ctx) =>
  importAddresses(
    {
      file,
      strict: values.strict ?? false,
      dryRun: values['dry-run'] ?? false,
      replace: values.replace ?? false,
      ...(values.report ? { reportFile: values.report } : {}),
    },
    ctx,
  ),
);
