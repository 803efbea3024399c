/**
 * Save (and dispatch) the call being taken: create the incident with auto-dispatch off, then
 * dispatch exactly the units the dispatcher kept selected (the plan's tier 1 by default).
 */
import type { CreateIncidentBody, IncidentDto } from '@dispatch/contracts';
import { ApiError, errorCode } from '../../api/api-error.js';
import type { Api } from '../../api/endpoints.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';
import { useIntakeStore } from '../../stores/intake-store.js';
import { useUiStore } from '../../stores/ui-store.js';

const PHONE = /^[0-9+\- ]*$/;

export type SubmitApi = Pick<Api, 'createIncident' | 'dispatch'>;

/** Field to focus when validation fails, by i18n key. */
export const FIELD_OF_ERROR: Record<string, string> = {
  'intake.locationRequired': 'location',
  'intake.typeRequired': 'type',
  'intake.phoneInvalid': 'callerPhone',
};

/** Checks the draft; returns the i18n key of the first problem or null. */
export function validateIntake(state: ReturnType<typeof useIntakeStore.getState>): string | null {
  if (!state.lngLat) return 'intake.locationRequired';
  if (!state.type) return 'intake.typeRequired';
  if (!PHONE.test(state.callerPhone)) return 'intake.phoneInvalid';
  return null;
}

/** Waits between tries of a save whose answer was lost: a node failing over takes a few seconds. */
export const SAVE_RETRY_DELAYS_MS = [500, 1500, 3000];

/**
 * Runs `save` again while it fails without an answer from the server (NETWORK, or a 502/503/504
 * from the balancer): safe for a save carrying the call's id, which the server takes only once.
 */
export async function withRetries<T>(
  save: () => Promise<T>,
  delays: readonly number[] = SAVE_RETRY_DELAYS_MS,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await save();
    } catch (error) {
      const lost =
        error instanceof ApiError && (error.status === 0 || [502, 503, 504].includes(error.status));
      if (!lost || attempt >= delays.length) throw error;
      await sleep(delays[attempt]!);
    }
  }
}

/** Saves the draft; with `dispatch`, sends the selected units. Returns the incident or null. */
export async function submitIntake(
  api: SubmitApi,
  options: { dispatch: boolean },
): Promise<IncidentDto | null> {
  const intake = useIntakeStore.getState();
  if (!intake.active || intake.saving) return null;
  const problem = validateIntake(intake);
  if (problem) {
    intake.setError(problem);
    return null;
  }
  const { lngLat, type } = intake as typeof intake & {
    lngLat: [number, number];
    type: NonNullable<typeof intake.type>;
  };
  intake.setError(null);
  intake.setSaving(true);
  try {
    const body: CreateIncidentBody = {
      id: intake.callId ?? undefined,
      type,
      priority: intake.priority,
      location: { lng: lngLat[0], lat: lngLat[1] },
      address: intake.address.trim() || undefined,
      description: intake.description.trim() || undefined,
      callerName: intake.callerName.trim() || undefined,
      callerPhone: intake.callerPhone.trim() || undefined,
      source: intake.source,
      receivedAt: intake.receivedAt === null ? undefined : new Date(intake.receivedAt).toISOString(),
      autoDispatch: false,
    };
    let incident = await withRetries(() => api.createIncident(body));
    useIncidentsStore.getState().upsertIncident(incident);
    const unitIds = intake.selectedUnitIds;
    if (options.dispatch && unitIds.length > 0) {
      const result = await api.dispatch(incident.id, { unitIds });
      incident = result.incident;
      useIncidentsStore.getState().upsertIncident(incident);
      for (const assignment of result.assignments) useIncidentsStore.getState().upsertAssignment(assignment);
    }
    useIntakeStore.getState().reset();
    const ui = useUiStore.getState();
    ui.selectIncident(incident.id);
    ui.notify({ level: 'info', key: 'intake.created', params: { number: incident.number } });
    return incident;
  } catch (error) {
    useIntakeStore.getState().setError(`errors.${errorCode(error)}`);
    return null;
  } finally {
    useIntakeStore.getState().setSaving(false);
  }
}
