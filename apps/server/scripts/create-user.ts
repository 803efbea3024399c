/**
 * `pnpm user:create -- --username li.wei --role dispatcher [--unit 东新-巡01] [--name 李伟]`
 * Creates (or, with --reset, re-passwords) a user in the database the server uses. The password is
 * read from the PASSWORD environment variable or prompted for, never taken from the command line
 * (it would stay in the shell history).
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { hash } from '@node-rs/argon2';
import { ROLES, type Role } from '@dispatch/domain';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    role: { type: 'string' },
    unit: { type: 'string' },
    name: { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const username = values.username?.trim();
if (!username) fail('--username is required');
const role = values.role as Role | undefined;
if (!values.reset && (!role || !ROLES.includes(role))) fail(`--role must be one of ${ROLES.join(', ')}`);
if (role === 'unit' && !values.unit) fail('--unit <call sign> is required for role unit');

let password = process.env.PASSWORD;
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('password: ');
  rl.close();
}
if (password.length < 8) fail('password must be at least 8 characters');

const config = loadConfig({ ...process.env, DEMO: process.env.DEMO ?? '0', JWT_SECRET: 'x'.repeat(32) });
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const passwordHash = await hash(password);
  if (values.reset) {
    const updated = await db.prisma.user.updateMany({ where: { username }, data: { passwordHash } });
    if (updated.count === 0) fail(`no user ${username}`);
    console.log(`password of ${username} reset`);
  } else {
    const unit = values.unit ? await db.prisma.unit.findUnique({ where: { callSign: values.unit } }) : null;
    if (values.unit && !unit) fail(`no unit with call sign ${values.unit}`);
    if (await db.prisma.user.findUnique({ where: { username } }))
      fail(`user ${username} exists (use --reset)`);
    await db.prisma.user.create({
      data: {
        username,
        passwordHash,
        role: role as Role,
        displayName: values.name ?? username,
        unitId: unit?.id ?? null,
      },
    });
    console.log(`created ${role} ${username}${unit ? ` crewing ${unit.callSign}` : ''}`);
  }
} finally {
  await db.close();
}
