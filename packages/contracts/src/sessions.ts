/** Sign-in, sessions, the second factor and wall-screen device credentials. */
import Type, { type Static } from 'typebox';
import { Id, IsoTime, RoleSchema } from './primitives.js';
import { SessionUserDto } from './dto.js';

const strict = { additionalProperties: false } as const;
const Otp = Type.String({ pattern: '^[0-9]{6}$' });

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    /** The authenticator app's current code (accounts with a second factor). */
    otp: Type.Optional(Otp),
  },
  strict,
);
export type LoginBody = Static<typeof LoginBody>;

export const LoginResponse = Type.Object({
  token: Type.String(),
  user: SessionUserDto,
  /** The console locks after this many idle seconds; null: never (unit terminals, wall screens). */
  idleLockSeconds: Type.Union([Type.Integer(), Type.Null()]),
});
export type LoginResponse = Static<typeof LoginResponse>;

export const UnlockBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 256 }) }, strict);
export type UnlockBody = Static<typeof UnlockBody>;

export const TotpEnrolment = Type.Object({ secret: Type.String(), uri: Type.String() });
export type TotpEnrolment = Static<typeof TotpEnrolment>;

export const TotpConfirmBody = Type.Object({ otp: Otp }, strict);
export type TotpConfirmBody = Static<typeof TotpConfirmBody>;

/** An admin issues a wall screen its own credential, acting as `username` (read-only). */
export const CreateDeviceBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    label: Type.String({ minLength: 1, maxLength: 100 }),
  },
  strict,
);
export type CreateDeviceBody = Static<typeof CreateDeviceBody>;

export const SessionDto = Type.Object({
  id: Id,
  userId: Id,
  username: Type.String(),
  role: RoleSchema,
  kind: Type.Union([Type.Literal('console'), Type.Literal('device')]),
  label: Type.String(),
  createdAt: IsoTime,
  lastSeenAt: IsoTime,
  expiresAt: IsoTime,
});
export type SessionDto = Static<typeof SessionDto>;

export const DeviceCredential = Type.Object({ token: Type.String(), session: SessionDto });
export type DeviceCredential = Static<typeof DeviceCredential>;

export const SessionsQuery = Type.Object({ userId: Type.Optional(Id) }, strict);
export type SessionsQuery = Static<typeof SessionsQuery>;

export const ChangeRoleBody = Type.Object({ role: RoleSchema }, strict);
export type ChangeRoleBody = Static<typeof ChangeRoleBody>;

export const EndedSessions = Type.Object({ ended: Type.Integer() });
export type EndedSessions = Static<typeof EndedSessions>;
