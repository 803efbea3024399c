/**
 * First start of a real centre: no users exist and demo users are off, so nobody could sign in.
 * With ADMIN_USERNAME / ADMIN_PASSWORD set, the first admin is created once; later starts leave
 * users alone (the variables can then be removed).
 */
import { hash } from '@node-rs/argon2';
import type { PrismaClient } from '../generated/prisma/client.js';

export async function bootstrapAdmin(
  prisma: PrismaClient,
  username: string | undefined,
  password: string | undefined,
): Promise<'created' | 'exists' | 'skipped'> {
  if (!username || !password) return 'skipped';
  if ((await prisma.user.count()) > 0) return 'exists';
  if (password.length < 10) throw new Error('ADMIN_PASSWORD must be at least 10 characters');
  await prisma.user.create({
    data: { username, passwordHash: await hash(password), displayName: username, role: 'admin' },
  });
  return 'created';
}
