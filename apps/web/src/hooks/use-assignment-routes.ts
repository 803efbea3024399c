import type { AssignmentDto } from '@dispatch/contracts';
import { isAssignmentTravelling } from '@dispatch/domain';
import { useEffect } from 'react';
import { api } from '../api/client.js';
import { useUiStore, type AssignmentRoute } from '../stores/ui-store.js';

const REFRESH_MS = 15_000;

/**
 * Shows the route (and ETA) of each unit still travelling to the incident; refreshed every
 * 15 s because the units move. Routes are cleared when the component unmounts.
 */
export function useAssignmentRoutes(assignments: readonly AssignmentDto[]): Record<string, AssignmentRoute> {
  const key = assignments
    .filter((a) => isAssignmentTravelling(a.status))
    .map((a) => `${a.id}:${a.status}`)
    .join(',');

  useEffect(() => {
    const ids = key ? key.split(',').map((part) => part.split(':')[0] as string) : [];
    let cancelled = false;
    const load = async () => {
      const routes = await Promise.all(
        ids.map((id) =>
          api.assignmentRoute(id).then(
            (route): AssignmentRoute => ({ ...route, assignmentId: id }),
            () => null,
          ),
        ),
      );
      if (!cancelled) useUiStore.getState().setRoutes(routes.filter((r): r is AssignmentRoute => r !== null));
    };
    void load();
    const timer = ids.length > 0 ? setInterval(() => void load(), REFRESH_MS) : undefined;
    return () => {
      cancelled = true;
      clearInterval(timer);
      useUiStore.getState().setRoutes([]);
    };
  }, [key]);

  return useUiStore((s) => s.routes);
}
