/** Sign-in, sign-out and session restore; the token lives in the session store (and localStorage). */
import { ApiError } from '../../api/api-error.js';
import { api } from '../../api/client.js';
import { useSessionStore } from '../../stores/session-store.js';

export async function login(username: string, password: string): Promise<void> {
  const { token, user } = await api.login(username, password);
  useSessionStore.getState().signIn(token, user);
}

export function logout(): void {
  useSessionStore.getState().signOut();
}

/**
 * Takes a `?token=` from the URL (wall screens are started that way) into the session and
 * removes it from the address bar; later reloads use the stored token. Runs before the first
 * render so route guards already see the token.
 */
export function adoptUrlToken(location: Location, history: History): void {
  const params = new URLSearchParams(location.search);
  const token = params.get('token');
  if (!token) return;
  if (token !== useSessionStore.getState().token) useSessionStore.getState().setChecking(token);
  params.delete('token');
  const search = params.toString();
  history.replaceState(
    history.state,
    '',
    `${location.pathname}${search ? `?${search}` : ''}${location.hash}`,
  );
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
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        useSessionStore.getState().expire();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}
