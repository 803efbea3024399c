/** Sign-in, sign-out, unlocking and session restore; the token lives in the session store. */
import { ApiError } from '../../api/api-error.js';
import { api } from '../../api/client.js';
import { useSessionStore } from '../../stores/session-store.js';

export async function login(username: string, password: string, otp?: string): Promise<void> {
  const { token, user, idleLockSeconds } = await api.login(username, password, otp);
  useSessionStore.getState().signIn(token, user, idleLockSeconds);
}

/**
 * A wall screen signs in with the device credential an admin issued for it (POST /api/devices),
 * pasted once on its login page: never in a URL, where servers and proxies would log it.
 */
export function signInWithDeviceCredential(token: string): void {
  useSessionStore.getState().setChecking(token.trim(), null);
}

/** Ends the session on the server too (its token is refused from then on), then forgets it. */
export async function logout(): Promise<void> {
  const { token, status } = useSessionStore.getState();
  if (token && status !== 'anonymous') await api.logout().catch(() => undefined);
  useSessionStore.getState().signOut();
}

/** Unlocks an idle-locked console with the user's password. */
export async function unlock(password: string): Promise<void> {
  await api.unlock(password);
  useSessionStore.getState().unlocked();
}

/**
 * Verifies a stored token with the server. A 401 forgets it; a network failure (server
 * restarting) leaves it in place and retries, so an unattended wall screen comes back by itself.
 */
export async function restoreSession(retryMs = 5000, signal?: AbortSignal): Promise<void> {
  while (!signal?.aborted) {
    const { token, status } = useSessionStore.getState();
    if (!token || status !== 'checking') return;
    try {
      const user = await api.me();
      if (useSessionStore.getState().token === token) useSessionStore.getState().signIn(token, user);
      return;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SESSION_LOCKED') return;
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        useSessionStore.getState().expire(error.code);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}
