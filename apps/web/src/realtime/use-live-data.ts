import { useEffect } from 'react';
import { startClockTicker } from '../stores/clock-store.js';
import { useSessionStore } from '../stores/session-store.js';
import { api } from '../api/client.js';
import { loadCoverage, loadReferenceData } from './load-reference-data.js';
import { connectRealtime } from './socket-client.js';

/** While signed in: the realtime connection, the 1 s clock and the reference data. */
export function useLiveData(): void {
  const token = useSessionStore((s) => (s.status === 'authenticated' ? s.token : null));
  useEffect(() => startClockTicker(), []);
  useEffect(() => {
    if (!token) return;
    void loadReferenceData();
    // A refused connection may mean the token died with a server restart: asking the REST API
    // settles it (a 401 signs out, a network error keeps retrying).
    return connectRealtime(token, {
      onRefused: () => void api.me().catch(() => undefined),
      onResync: () => void loadCoverage(),
    });
  }, [token]);
}
