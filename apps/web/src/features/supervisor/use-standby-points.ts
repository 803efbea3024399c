import { useEffect } from 'react';
import { api } from '../../api/client.js';
import { errorCode } from '../../api/api-error.js';
import { periodKey, standbyHour } from '../../lib/cover-period.js';
import { useStandbyPointsStore } from '../../stores/standby-points-store.js';

/** The plan follows the fleet: asked again this often (the server serves its cached plan meanwhile). */
const REFRESH_MS = 30_000;
/** How long the hour slider must rest before its plan is asked for. */
const SLIDER_SETTLE_MS = 400;

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
    // A plan costs the server up to a second of work per new period: while the slider is dragged,
    // ask only for the hour it comes to rest on.
    let timer: ReturnType<typeof setInterval> | undefined;
    const first = setTimeout(
      () => {
        void load();
        timer = setInterval(() => void load(), REFRESH_MS);
      },
      typeof period === 'number' ? SLIDER_SETTLE_MS : 0,
    );
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [period]);
  useEffect(() => () => useStandbyPointsStore.getState().reset(), []);
}
