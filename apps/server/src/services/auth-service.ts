/** Sign-in: checks a username and password against the stored users. */
import type { SessionUserDto } from '@dispatch/contracts';
import { domainError, DomainErrorException } from '@dispatch/domain';
import { hash, verify } from '@node-rs/argon2';
import type { User } from '../generated/prisma/client.js';
import type { ServiceContext } from './context.js';

export function toSessionUser(user: User): SessionUserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
  };
}

const wrongCredentials = () =>
  new DomainErrorException(domainError('UNAUTHENTICATED', 'Wrong username or password'));

export class AuthService {
  /** Verified when the username is unknown, so both answers take one argon2 verification. */
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly ctx: ServiceContext) {}

  /** The active user with these credentials; the same error for an unknown user and a wrong password. */
  async checkCredentials(username: string, password: string): Promise<User> {
    const user = await this.ctx.prisma.user.findUnique({ where: { username } });
    this.dummyHash ??= hash('no such user: timing only');
    const stored = user?.passwordHash ?? (await this.dummyHash);
    const valid = await verify(stored, password).catch(() => false);
    if (!user || user.disabled || !valid) throw wrongCredentials();
    return user;
  }

  /** The signed-in user, if still stored and active. */
  async activeUser(id: string): Promise<User> {
    const user = await this.ctx.prisma.user.findUnique({ where: { id } });
    if (!user || user.disabled)
      throw new DomainErrorException(domainError('UNAUTHENTICATED', 'User no longer exists'));
    return user;
  }
}
