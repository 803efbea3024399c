import type { SessionUserDto } from '@dispatch/contracts';
import { create } from 'zustand';

const TOKEN_KEY = 'dispatch.token';
const IDLE_KEY = 'dispatch.idleLockSeconds';

/** `locked`: idle too long (here or on the server); the password unlocks the same session. */
export type SessionStatus = 'anonymous' | 'checking' | 'authenticated' | 'locked';

export interface SessionState {
  token: string | null;
  user: SessionUserDto | null;
  status: SessionStatus;
  /** The console locks after this many idle seconds; null: never (unit terminal, wall screen). */
  idleLockSeconds: number | null;
  /** Why the last session ended (SESSION_ENDED, UNAUTHENTICATED...), shown on the login page. */
  endedBecause: string | null;
  /** A token is known (stored, or a wall screen's device credential) but not yet verified. */
  setChecking: (token: string, idleLockSeconds?: number | null) => void;
  signIn: (token: string, user: SessionUserDto, idleLockSeconds?: number | null) => void;
  signOut: () => void;
  /** The server rejected the token: forget it so the login page shows. */
  expire: (reason?: string) => void;
  lock: () => void;
  unlocked: () => void;
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value !== null) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // Storage disabled (private mode): the session lives in memory only.
  }
}

function writeSession(token: string | null, idleLockSeconds: number | null): void {
  write(TOKEN_KEY, token);
  write(IDLE_KEY, token && idleLockSeconds !== null ? String(idleLockSeconds) : null);
}

export const useSessionStore = create<SessionState>()((set, get) => {
  const token = read(TOKEN_KEY);
  const idle = read(IDLE_KEY);
  return {
    token,
    user: null,
    status: token ? 'checking' : 'anonymous',
    idleLockSeconds: idle ? Number(idle) : null,
    endedBecause: null,
    setChecking: (next, idleLockSeconds = null) => {
      writeSession(next, idleLockSeconds);
      set({ token: next, status: 'checking', idleLockSeconds, endedBecause: null });
    },
    signIn: (next, user, idleLockSeconds = get().idleLockSeconds) => {
      writeSession(next, idleLockSeconds);
      set({ token: next, user, status: 'authenticated', idleLockSeconds, endedBecause: null });
    },
    signOut: () => {
      writeSession(null, null);
      set({ token: null, user: null, status: 'anonymous', idleLockSeconds: null, endedBecause: null });
    },
    expire: (reason) => {
      writeSession(null, null);
      set({
        token: null,
        user: null,
        status: 'anonymous',
        idleLockSeconds: null,
        endedBecause: reason ?? null,
      });
    },
    lock: () => {
      if (get().token && get().status !== 'anonymous') set({ status: 'locked' });
    },
    unlocked: () => {
      if (get().status === 'locked') set({ status: get().user ? 'authenticated' : 'checking' });
    },
  };
});
