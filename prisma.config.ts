import { defineConfig } from 'prisma/config';

// The url is only needed by CLI commands that talk to a database (`prisma migrate deploy`);
// the app itself connects through a driver adapter (see apps/server/src/db).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'pnpm --filter @dispatch/server run seed' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/dispatch' },
});
