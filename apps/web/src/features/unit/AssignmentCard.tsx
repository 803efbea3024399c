import type { AssignmentActionBody } from '@dispatch/contracts';
import { RESOLUTIONS, type Resolution } from '@dispatch/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { PriorityBadge } from '../../components/PriorityBadge.js';
import { useAssignmentRoutes } from '../../hooks/use-assignment-routes.js';
import { useReverseGeocode } from '../../hooks/use-reverse-geocode.js';
import type { ActiveAssignment } from '../../lib/active-assignment.js';
import { etaMinutes, formatDistance } from '../../lib/format.js';
import { notifyError } from '../../lib/notify-error.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';

/** The unit's current job and the one or two buttons that move it forward. */
export function AssignmentCard({ active }: { active: ActiveAssignment }) {
  const { t } = useTranslation();
  const { incident, assignment } = active;
  const routes = useAssignmentRoutes([assignment]);
  const route = routes[assignment.id];
  const place = useReverseGeocode(incident.lngLat);
  const [resolution, setResolution] = useState<Resolution>('resolved_on_scene');
  const [busy, setBusy] = useState(false);

  const act = async (body: AssignmentActionBody) => {
    setBusy(true);
    try {
      useIncidentsStore.getState().upsertAssignment(await api.assignmentAction(assignment.id, body));
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  const eta = route?.etaSeconds ?? assignment.etaSeconds;
  const distance = route?.distanceMeters ?? assignment.distanceMeters;
  return (
    <section className="assignment-card" data-testid="assignment-card" data-status={assignment.status}>
      <header>
        <PriorityBadge priority={incident.priority} />
        <strong>{t(`incidentType.${incident.type}`)}</strong>
        <span className={`pill status-${assignment.status}`} data-testid="terminal-assignment-status">
          {t(`assignmentStatus.${assignment.status}`)}
        </span>
      </header>
      {assignment.checkpoint && (
        // A checkpoint unit's job is its road block, not the scene.
        <p className="address checkpoint-post" data-testid="terminal-checkpoint">
          {t('terminal.checkpoint', {
            road: assignment.checkpoint.roadName ?? t('terminal.checkpointRoad'),
          })}
        </p>
      )}
      <p className={assignment.checkpoint ? 'muted' : 'address'} data-testid="terminal-address">
        {incident.address || place || `${incident.lngLat[0].toFixed(5)}, ${incident.lngLat[1].toFixed(5)}`}
      </p>
      {incident.address && place && (
        <p className="muted" data-testid="terminal-incident-place">
          {place}
        </p>
      )}
      {incident.description && <p className="muted">{incident.description}</p>}
      {eta !== null && assignment.status !== 'on_scene' && (
        <p className="eta big" data-testid="terminal-eta">
          {t('terminal.eta', { minutes: etaMinutes(eta) })}
          {distance !== null && <span className="muted"> · {formatDistance(distance)}</span>}
        </p>
      )}
      <div className="terminal-actions">
        {assignment.status === 'assigned' && (
          <button
            type="button"
            disabled={busy}
            onClick={() => act({ action: 'accept' })}
            data-testid="terminal-accept"
          >
            {t('terminal.accept')}
          </button>
        )}
        {(assignment.status === 'assigned' || assignment.status === 'accepted') && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => act({ action: 'en_route' })}
            data-testid="terminal-en-route"
          >
            {t('terminal.enRoute')}
          </button>
        )}
        {assignment.status === 'en_route' && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => act({ action: 'on_scene' })}
            data-testid="terminal-on-scene"
          >
            {t('terminal.onScene')}
          </button>
        )}
        {assignment.status === 'on_scene' && (
          <>
            <label>
              {t('terminal.resolution')}
              <select
                value={resolution}
                onChange={(e) => setResolution(e.target.value as Resolution)}
                data-testid="terminal-resolution"
              >
                {RESOLUTIONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`resolution.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => act({ action: 'clear', resolution })}
              data-testid="terminal-clear"
            >
              {t('terminal.clear')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
