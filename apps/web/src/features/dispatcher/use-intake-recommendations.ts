import { useEffect } from 'react';
import { errorCode } from '../../api/api-error.js';
import { api } from '../../api/client.js';
import { useIntakeStore } from '../../stores/intake-store.js';

/**
 * Fetches ranked units as soon as the call has a location (before anything is saved): the
 * nearest police units while the type is not chosen, the type's response plan once it is; again
 * whenever they or the priority change. Stale answers are dropped.
 */
export function useIntakeRecommendations(debounceMs = 200): void {
  const active = useIntakeStore((s) => s.active);
  const lngLat = useIntakeStore((s) => s.lngLat);
  const type = useIntakeStore((s) => s.type);
  const priority = useIntakeStore((s) => s.priority);

  useEffect(() => {
    const intake = useIntakeStore.getState();
    if (!active || !lngLat) {
      if (intake.recommendations) intake.setRecommendations(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      api
        .recommendations({ lng: lngLat[0], lat: lngLat[1], ...(type ? { type } : {}), priority, limit: 10 })
        .then((recommendations) => {
          if (!stale) useIntakeStore.getState().setRecommendations(recommendations);
        })
        .catch((error: unknown) => {
          if (!stale) useIntakeStore.getState().setError(`errors.${errorCode(error)}`);
        });
    }, debounceMs);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [active, lngLat, type, priority, debounceMs]);
}
