import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../../api/client.js';
import { ConnectionBadge } from '../../components/ConnectionBadge.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { Notices } from '../../components/Notices.js';
import { SituationMapView } from '../../components/SituationMapView.js';
import { useReverseGeocode } from '../../hooks/use-reverse-geocode.js';
import { SoundControl } from '../attention/SoundControl.js';
import { useTerminalAlert } from '../attention/use-terminal-alert.js';
import { findActiveAssignment } from '../../lib/active-assignment.js';
import { notifyError } from '../../lib/notify-error.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { useUnitsStore } from '../../stores/units-store.js';
import { logout } from '../auth/session.js';
import { AssignmentCard } from './AssignmentCard.js';
import { PositionReporter } from './PositionReporter.js';
import { StandbyCard } from './StandbyCard.js';

/** Phone layout for a unit's crew: the current job, its route, and position reporting. */
export function UnitTerminalPage() {
  const { t } = useTranslation();
  const user = useSessionStore((s) => s.user);
  const unitId = user?.unitId ?? null;
  const unit = useUnitsStore((s) => (unitId ? s.byId[unitId] : undefined));
  const incidents = useIncidentsStore(useShallow((s) => Object.values(s.byId)));
  const active = findActiveAssignment(unit, incidents);
  useTerminalAlert(active);
  const missingIncidentId = unit?.activeIncidentId && !active ? unit.activeIncidentId : null;

  // The unit record can name an incident before its event reached us: fetch it.
  useEffect(() => {
    if (!missingIncidentId) return;
    api.getIncident(missingIncidentId).then(
      ({ timeline: _timeline, ...incident }) => useIncidentsStore.getState().upsertIncident(incident),
      () => undefined,
    );
  }, [missingIncidentId]);

  // Where the unit is sent: its checkpoint when it holds one, else the scene.
  const incidentLngLat = active?.assignment.checkpoint?.lngLat ?? active?.incident.lngLat;
  const hasPosition = useUnitsStore((s) => (unitId ? s.positions[unitId] !== undefined : false));
  // The unit and where it is sent, both on screen (the city as a tiny square helped no one);
  // without GPS the destination alone. Again once the first position arrives.
  useEffect(() => {
    if (!incidentLngLat) return;
    const position = unitId ? useUnitsStore.getState().positions[unitId] : undefined;
    const destination: [number, number] = [incidentLngLat[0], incidentLngLat[1]];
    useUiStore.getState().requestFitPoints(position ? [position.lngLat, destination] : [destination]);
  }, [incidentLngLat, hasPosition, unitId]);

  const here = useReverseGeocode(useUnitsStore((s) => (unitId ? s.positions[unitId]?.lngLat : undefined)));
  useEffect(() => {
    if (incidentLngLat || !hasPosition || !unitId) return;
    const position = useUnitsStore.getState().positions[unitId];
    if (position) useUiStore.getState().requestFlyTo(position.lngLat, 14);
  }, [incidentLngLat, hasPosition, unitId]);

  const setStatus = (status: 'available' | 'out_of_service') => {
    if (!unitId) return;
    api.setUnitStatus(unitId, { status }).then((u) => useUnitsStore.getState().upsertUnit(u), notifyError);
  };

  return (
    <div className="terminal-page" data-testid="unit-terminal">
      <header className="terminal-header">
        <strong>{unit?.callSign ?? t('terminal.title')}</strong>
        {unit && (
          <span className={`pill status-${unit.status}`} data-testid="terminal-unit-status">
            {t(`unitStatus.${unit.status}`)}
          </span>
        )}
        <span className="spacer" />
        <ConnectionBadge />
        <SoundControl screen="terminal" />
        <LanguageSwitch />
        <button type="button" className="ghost" onClick={() => void logout()}>
          {t('app.logout')}
        </button>
      </header>
      {!unitId && <p className="warning">{t('terminal.noUnit')}</p>}
      {here && (
        <p className="terminal-here muted" data-testid="terminal-here">
          {t('terminal.here')}: {here}
        </p>
      )}
      {unitId && !hasPosition && (
        <p className="warning" data-testid="terminal-no-gps">
          {t('terminal.noGps')}
        </p>
      )}
      {active ? (
        <AssignmentCard active={active} />
      ) : (
        unitId && (
          <section className="assignment-card idle" data-testid="terminal-idle">
            <p>{t('terminal.noAssignment')}</p>
            <StandbyCard unitId={unitId} />
            <div className="terminal-actions">
              <button
                type="button"
                disabled={unit?.status === 'available'}
                onClick={() => setStatus('available')}
              >
                {t('terminal.available')}
              </button>
              <button
                type="button"
                disabled={unit?.status === 'out_of_service'}
                onClick={() => setStatus('out_of_service')}
              >
                {t('terminal.outOfService')}
              </button>
            </div>
          </section>
        )
      )}
      <div className="terminal-map">
        <SituationMapView fitGrids={false} zoom={14} />
      </div>
      {unitId && <PositionReporter unitId={unitId} />}
      <Notices />
    </div>
  );
}
