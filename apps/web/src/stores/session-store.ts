import type { SessionUserDto } from '@dispatch/contracts';
import { create } from 'zustand';

const TOKEN_KEY = 'dispatch.token';

export type SessionStatus = 'anonymous' | 'checking' | 'authenticated';

export interface SessionState {
  token: string | null;
  user: SessionUserDto | null;
  status: SessionStatus;
  /** A token is known (stored or from the URL) but not yet verified with the server. */
  setChecking: (token: string) => void;
  signIn: (token: string, user: SessionUserDto) => void;
  signOut: () => void;
  /** The server rejected the token: forget it so the login page shows. */
  expire: () => void;
}

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage disabled (private mode): the session lives in memory only.
  }
}

export const useSessionStore = create<SessionState>()((set) => {
  const token = readToken();
  return {
    token,
    user: null,
    status: token ? 'checking' : 'anonymous',
    setChecking: (next) => {
      writeToken(next);
      set({ token: next, status: 'checking' });
    },
    signIn: (next, user) => {
      writeToken(next);
      set({ token: next, user, status: 'authenticated' });
    },
    signOut: () => {
      writeToken(null);
      set({ token: null, user: null, status: 'anonymous' });
    },
    expire: () => {
      writeToken(null);
      set({ token: null, user: null, status: 'anonymous' });
    },
  };
});
