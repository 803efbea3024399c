/**
 * Sign-in: checks a username, password and (where set up) a TOTP code against the stored users,
 * locks an account after repeated failures, and enrols the second factor.
 */
import type { SessionUserDto } from '@dispatch/contracts';
import { domainError, DomainErrorException, type Role } from '@dispatch/domain';
import { hash, verify } from '@node-rs/argon2';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
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

export interface SignInPolicy {
  /** Failures in a row that lock the account. */
  maxFailures: number;
  lockoutMs: number;
  /** Admin and supervisor accounts must use a second factor. */
  totpRequired: boolean;
}

/** Roles a second factor is offered to (and, with `totpRequired`, demanded of). */
export const TOTP_ROLES: readonly Role[] = ['admin', 'supervisor'];

const wrongCredentials = () =>
  new DomainErrorException(domainError('UNAUTHENTICATED', 'Wrong username or password'));

/** The password hashing functions, as an object so tests can count verifications. */
export const passwordHasher = { hash, verify };

export class AuthService {
  /** Verified when the username is unknown, so both answers take one argon2 verification. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly policy: SignInPolicy,
    readonly passwords: { hash: typeof hash; verify: typeof verify } = passwordHasher,
  ) {}

  /**
   * The active user with these credentials. An unknown user and a wrong password get the same
   * error after the same work (exactly one argon2 verification either way). Failures count
   * towards the lockout, stored on the user so every node and a restart see it.
   */
  async checkCredentials(username: string, password: string, otp?: string): Promise<User> {
    const user = await this.ctx.prisma.user.findUnique({ where: { username } });
    this.dummyHash ??= this.passwords.hash('no such user: timing only');
    const stored = user?.passwordHash ?? (await this.dummyHash);
    const valid = await this.passwords.verify(stored, password).catch(() => false);
    if (!user || user.disabled) throw wrongCredentials();
    // A wrong password on a locked account gets the unknown user's answer: the lock is told only
    // to whoever knows the password, so a guesser cannot find which usernames exist by locking them.
    if (!valid) throw this.isLocked(user) ? wrongCredentials() : await this.recordFailure(user);
    this.assertNotLocked(user);
    await this.checkSecondFactor(user, otp);
    if (user.failedLogins > 0 || user.lockedUntil) {
      await this.ctx.prisma.user.update({
        where: { id: user.id },
        data: { failedLogins: 0, lockedUntil: null },
      });
    }
    return user;
  }

  /** Re-checks the password of a signed-in user (unlocking an idle console); failures count too. */
  async checkPassword(userId: string, password: string): Promise<User> {
    const user = await this.activeUser(userId);
    const valid = await this.passwords.verify(user.passwordHash, password).catch(() => false);
    this.assertNotLocked(user);
    if (!valid) throw await this.recordFailure(user);
    if (user.failedLogins > 0) {
      await this.ctx.prisma.user.update({ where: { id: user.id }, data: { failedLogins: 0 } });
    }
    return user;
  }

  /** The signed-in user, if still stored and active. */
  async activeUser(id: string): Promise<User> {
    const user = await this.ctx.prisma.user.findUnique({ where: { id } });
    if (!user || user.disabled)
      throw new DomainErrorException(domainError('UNAUTHENTICATED', 'User no longer exists'));
    return user;
  }

  /** Starts (or restarts) TOTP enrolment: the secret to put in an authenticator app. */
  async beginTotpEnrolment(userId: string): Promise<{ secret: string; uri: string }> {
    const user = await this.activeUser(userId);
    if (!TOTP_ROLES.includes(user.role)) {
      throw new DomainErrorException(
        domainError('FORBIDDEN', 'A second factor is for admin and supervisor accounts'),
      );
    }
    const secret = generateSecret();
    await this.ctx.prisma.user.update({ where: { id: user.id }, data: { totpPending: secret } });
    return { secret, uri: generateURI({ issuer: 'dispatch-console', label: user.username, secret }) };
  }

  /** Confirms enrolment with a first code from the app; from then on sign-in asks for one. */
  async confirmTotp(userId: string, otp: string): Promise<void> {
    const user = await this.activeUser(userId);
    if (!user.totpPending || !(await this.totpValid(user.totpPending, otp))) {
      throw new DomainErrorException(domainError('UNAUTHENTICATED', 'Wrong one-time code'));
    }
    await this.ctx.prisma.user.update({
      where: { id: user.id },
      data: { totpSecret: user.totpPending, totpPending: null },
    });
  }

  private isLocked(user: User): boolean {
    return (user.lockedUntil?.getTime() ?? 0) > this.ctx.now();
  }

  private assertNotLocked(user: User): void {
    if (this.isLocked(user)) throw lockedError(user.lockedUntil!.getTime() - this.ctx.now());
  }

  /** Counts a failure (atomically, so nodes signing in at once cannot overshoot) and locks at the limit. */
  private async recordFailure(user: User): Promise<DomainErrorException> {
    const counted = await this.ctx.prisma.user.update({
      where: { id: user.id },
      data: { failedLogins: { increment: 1 } },
      select: { failedLogins: true },
    });
    if (counted.failedLogins < this.policy.maxFailures) return wrongCredentials();
    await this.ctx.prisma.user.update({
      where: { id: user.id },
      data: { failedLogins: 0, lockedUntil: new Date(this.ctx.now() + this.policy.lockoutMs) },
    });
    return wrongCredentials();
  }

  /**
   * With a confirmed secret a code is needed. With `totpRequired` an admin or supervisor without
   * one is shown a secret to enrol (after the right password only) and signs in with its first code.
   */
  private async checkSecondFactor(user: User, otp: string | undefined): Promise<void> {
    if (user.totpSecret) {
      if (!otp) throw secondFactorRequired();
      if (!(await this.totpValid(user.totpSecret, otp))) throw await this.recordFailure(user);
      return;
    }
    if (!this.policy.totpRequired || !TOTP_ROLES.includes(user.role)) return;
    if (otp && user.totpPending && (await this.totpValid(user.totpPending, otp))) {
      await this.ctx.prisma.user.update({
        where: { id: user.id },
        data: { totpSecret: user.totpPending, totpPending: null },
      });
      return;
    }
    const secret = user.totpPending ?? generateSecret();
    if (!user.totpPending) {
      await this.ctx.prisma.user.update({ where: { id: user.id }, data: { totpPending: secret } });
    }
    throw secondFactorRequired({
      enrol: true,
      secret,
      uri: generateURI({ issuer: 'dispatch-console', label: user.username, secret }),
    });
  }

  private async totpValid(secret: string, otp: string): Promise<boolean> {
    // One step either side: a terminal clock a little off still signs in.
    const epoch = Math.floor(this.ctx.now() / 1000);
    const result = await verifyTotp({ secret, token: otp, epoch, epochTolerance: 30 }).catch(() => null);
    return result?.valid === true;
  }
}

function lockedError(remainingMs: number): DomainErrorException {
  return new DomainErrorException(
    domainError('ACCOUNT_LOCKED', 'Too many failed sign-ins: the account is locked for a while', {
      retryAfterSeconds: Math.ceil(remainingMs / 1000),
    }),
  );
}

function secondFactorRequired(details?: Record<string, unknown>): DomainErrorException {
  return new DomainErrorException(
    domainError('SECOND_FACTOR_REQUIRED', 'A one-time code from the authenticator app is required', details),
  );
}
