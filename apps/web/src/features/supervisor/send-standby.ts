import type { StandbyRecommendationDto } from '@dispatch/contracts';
import { api } from '../../api/client.js';
import { notifyError } from '../../lib/notify-error.js';
import { useStandbyPointsStore } from '../../stores/standby-points-store.js';
import { useUiStore } from '../../stores/ui-store.js';

/**
 * Orders each unit to its recommended point (POST /api/units/:id/standby with the point, a note
 * for the crew and the expected 5-minute gain), all at once. The server announces every order
 * to staff screens (`standby:updated`), and that event alone marks the points ordered (one place
 * merges it: a reply merged here could undo a later event). Returns how many orders were given.
 */
export async function sendToStandbyPoints(
  units: readonly StandbyRecommendationDto[],
  noteOf: (unit: StandbyRecommendationDto) => string,
): Promise<number> {
  const points = useStandbyPointsStore.getState();
  const ids = units.map((u) => u.unitId);
  points.setSending(ids, true);
  try {
    const results = await Promise.allSettled(
      units.map((u) =>
        api.orderStandby(u.unitId, { lngLat: u.point.lngLat, note: noteOf(u), gain: u.expectedGain5 }),
      ),
    );
    let sent = 0;
    let failure: unknown = null;
    for (const r of results) {
      if (r.status === 'fulfilled') sent += 1;
      else failure ??= r.reason;
    }
    if (failure !== null) notifyError(failure);
    if (sent === 1 && units.length === 1)
      useUiStore
        .getState()
        .notify({ level: 'info', key: 'standbyPoints.sent', params: { unit: units[0]!.callSign } });
    else if (sent > 0)
      useUiStore.getState().notify({ level: 'info', key: 'standbyPoints.sentAll', params: { count: sent } });
    return sent;
  } finally {
    useStandbyPointsStore.getState().setSending(ids, false);
  }
}
