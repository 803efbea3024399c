import { useEffect } from 'react';
import { api } from '../api/client.js';
import { errorCode } from '../api/api-error.js';
import { hotspotQuery, periodKey } from '../lib/cover-period.js';
import { useHotspotStore } from '../stores/hotspot-store.js';

/** The surface is rebuilt on the server every 5 minutes. */
const REFRESH_MS = 5 * 60_000;

/** While `active`, keeps the heat map of the selected period in the hot-spot store. */
export function useHotspotMap(active: boolean): void {
  const period = useHotspotStore((s) => s.period);
  useEffect(() => {
    if (!active) return;
    const key = periodKey(period);
    const load = () =>
      api.hotspots(hotspotQuery(period)).then(
        (map) => useHotspotStore.getState().applyMap(key, map),
        (error: unknown) => useHotspotStore.getState().setError(errorCode(error)),
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, period]);
}
