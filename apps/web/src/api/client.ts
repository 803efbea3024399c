/** The app's one API instance, authenticated with the session store's token. */
import { useSessionStore } from '../stores/session-store.js';
import { createApi } from './endpoints.js';
import { createHttp } from './http.js';

export const api = createApi(
  createHttp({
    getToken: () => useSessionStore.getState().token,
    // An idle-locked session shows the lock screen; anything else ends it (sign in again).
    onUnauthorized: (code) =>
      code === 'SESSION_LOCKED' ? useSessionStore.getState().lock() : useSessionStore.getState().expire(code),
  }),
);
