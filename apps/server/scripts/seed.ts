/**
 * `pnpm db:seed [--grids 51] [--units 300] [--seed 110]`: seeds the generated demo city and demo
 * users into the configured database (DATABASE_URL or the PGlite DATA_DIR) when it has no grids yet.
 * The server does the same on start in demo mode; this is for preparing a database beforehand.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { seedDemo } from '../src/demo/seed-demo.js';

const { values } = parseArgs({
  options: { grids: { type: 'string' }, units: { type: 'string' }, seed: { type: 'string' } },
});
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const config = loadConfig({ ...process.env, DEMO: '1' });
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const options = Object.fromEntries(
    Object.entries({ grids: num(values.grids), units: num(values.units), seed: num(values.seed) }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  const summary = await seedDemo(db.prisma, options);
  console.log(
    summary.seeded
      ? `seeded ${summary.grids} grids, ${summary.posts} posts, ${summary.units} units (+ one login each), ${summary.roadFeatures} road ways`
      : 'the database already has grids: nothing seeded',
  );
} finally {
  await db.close();
}
