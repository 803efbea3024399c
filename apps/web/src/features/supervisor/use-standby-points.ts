import { useEffect } from 'react';
import { api } from '../../api/client.js';
import { errorCode } from '../../api/api-error.js';
import { periodKey, standbyHour } from '../../lib/cover-period.js';
import { useStandbyPointsStore } from '../../stores/standby-points-store.js';

/** The plan follows the fleet: asked again this often (the server serves its cached plan meanwhile). */
const REFRESH_MS = 30_000;

/**
 * Keeps the recommended standby points of the selected period in their store while mounted, and
 * empties it on the way out (so no other screen's map draws them).
 */
export function useStandbyPoints(): void {
  const period = useStandbyPointsStore((s) => s.period);
  useEffect(() => {
    const key = periodKey(period);
    const load = () => {
      useStandbyPointsStore.getState().startLoading();
      return api.standbyRecommendations({ hour: standbyHour(period) }).then(
        (plan) => useStandbyPointsStore.getState().applyPlan(key, plan),
        (error: unknown) => useStandbyPointsStore.getState().setError(key, errorCode(error)),
      );
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [period]);
  useEffect(() => () => useStandbyPointsStore.getState().reset(), []);
}
