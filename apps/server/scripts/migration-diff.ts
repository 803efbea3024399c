/**
 * Produces migration SQL without Prisma's native schema engine (which cannot be downloaded in
 * offline environments): runs Prisma's own schema engine compiled to WebAssembly over a driver adapter.
 *
 *   pnpm --filter @dispatch/server run db:diff <name>
 *
 * Diffs prisma/schema.prisma as committed at FROM_REV (default HEAD) against the working copy and writes prisma/migrations/<timestamp>_<name>/migration.sql.
 * Hand-written additions Prisma cannot express (partial unique indexes) go in their own migrations.
 */
import { readFileSync, readdirSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { SchemaEngine } from '@prisma/schema-engine-wasm';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const root = path.resolve(import.meta.dirname, '../../..');
const migrationsDir = path.join(root, 'prisma/migrations');
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: db:diff <snake_case_name>');
  process.exit(2);
}
const url = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const schema = readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8');
const existing = existsSync(migrationsDir)
  ? readdirSync(migrationsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()
  : [];
const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: url }));
const engine = await SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => {}, adapter);
// Datamodel-to-datamodel: the schema as committed at FROM_REV (default HEAD) is what the existing
// migrations produce (the round-trip test in src/db proves it), so no shadow database is needed.
const fromRev = process.env.FROM_REV ?? 'HEAD';
const from =
  existing.length === 0
    ? { tag: 'empty' as const }
    : {
        tag: 'schemaDatamodel' as const,
        files: [
          {
            path: 'schema.prisma',
            content: execFileSync('git', ['show', `${fromRev}:prisma/schema.prisma`], {
              cwd: root,
              encoding: 'utf8',
            }),
          },
        ],
      };
const result = await engine.diff({
  from,
  to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
  script: true,
  exitCode: null,
  filters: { externalTables: [], externalEnums: [] },
} as never);
const sql = result.stdout ?? '';
if (!sql.trim() || /^-- This is an empty migration/m.test(sql)) {
  console.log('schema and migrations agree: nothing to write');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'migration.sql'), sql);
console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
process.exit(0);
