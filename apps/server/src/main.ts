/**
 * Server entry point: opens the database (PostgreSQL when DATABASE_URL is set, else embedded
 * PGlite), seeds the demo city in demo mode, starts the API, Socket.IO and the web console.
 */
import { loadConfig } from './config.js';
import { buildApp } from './app.js';
import { openDatabase } from './db/database.js';
import { bootstrapAdmin } from './demo/bootstrap-admin.js';
import { seedCityFromFile } from './demo/seed-city-file.js';
import { DEMO_STAFF, DEMO_UNIT_PASSWORD, seedDemo, unitUsername } from './demo/seed-demo.js';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (config.cityFile) {
    const summary = await seedCityFromFile(database, config.cityFile, config.timeZone, {
      out: console.log,
      err: console.error,
    });
    if (summary.seeded)
      console.log(
        `city set up on ${config.cityFile}: ${summary.grids} grids, ${summary.posts} posts, ${summary.units} units (all editable)`,
      );
  } else if (config.demo) {
    const summary = await seedDemo(database.prisma);
    if (summary.seeded) {
      console.log(
        `demo city seeded: ${summary.grids} grids, ${summary.posts} posts, ${summary.units} units, ${summary.roadFeatures} road ways`,
      );
    }
  }
  const admin = await bootstrapAdmin(database.prisma, process.env.ADMIN_USERNAME, process.env.ADMIN_PASSWORD);
  if (admin === 'created') console.log(`first admin ${process.env.ADMIN_USERNAME ?? ''} created`);
  if (!config.demo && (await database.prisma.user.count()) === 0) {
    console.warn('no users yet: set ADMIN_USERNAME and ADMIN_PASSWORD, or run `pnpm user:create`');
  }
  const app = await buildApp({ config, database });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  // Cut the basemap's tile indexes now, not on the first map's tiles.
  app.services.tiles
    .prepare()
    .catch((error: unknown) => app.log.error({ err: error }, 'basemap tiles failed'));

  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const lines = [
    '',
    `dispatch-console is running on ${database.engine === 'pglite' ? `embedded PGlite (${config.dataDir})` : 'PostgreSQL'}`,
    `  console       ${url}/`,
    `  wall screen   ${url}/wall`,
    `  unit terminal ${url}/unit`,
    `  API docs      ${url}/api/docs`,
  ];
  if (config.demo) {
    lines.push('  demo users (demo mode only):');
    for (const s of DEMO_STAFF) lines.push(`    ${s.role.padEnd(13)} ${s.username} / ${s.password}`);
    lines.push(`    unit          ${unitUsername(0)} ... / ${DEMO_UNIT_PASSWORD} (one login per unit)`);
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
