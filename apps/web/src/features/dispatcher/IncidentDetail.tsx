import { CLOCK_NAMES } from '@dispatch/domain';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ClockBadge } from '../../components/ClockBadge.js';
import { PriorityBadge } from '../../components/PriorityBadge.js';
import { useAssignmentRoutes } from '../../hooks/use-assignment-routes.js';
import { useReverseGeocode } from '../../hooks/use-reverse-geocode.js';
import { formatTime } from '../../lib/format.js';
import { incidentClocks } from '../../lib/incident-clocks.js';
import { isOnBoard } from '../../lib/incident-queue.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { AssignmentList } from './AssignmentList.js';
import { IncidentActions } from './IncidentActions.js';
import { IncidentTimeline } from './IncidentTimeline.js';
import { useIncidentTimeline } from './use-incident-timeline.js';

const NO_ASSIGNMENTS: never[] = [];

/** The selected incident: facts, clocks, units and routes, actions, timeline. */
export function IncidentDetail() {
  const { t } = useTranslation();
  const selectedId = useUiStore((s) => s.selectedIncidentId);
  const incident = useIncidentsStore((s) => (selectedId ? s.byId[selectedId] : undefined));
  const now = useClockStore((s) => s.now);
  const targets = useClockStore((s) => s.targets);
  // An ended incident has no one travelling to it any more, whatever its assignments say.
  const routes = useAssignmentRoutes(incident && isOnBoard(incident) ? incident.assignments : NO_ASSIGNMENTS);
  const revision = incident
    ? `${incident.version}:${incident.assignments.map((a) => `${a.id}.${a.version}`).join(',')}`
    : '';
  const timeline = useIncidentTimeline(incident?.id ?? null, revision);
  // Chosen low in the queue, the detail (at the column's top) would stay scrolled out of view.
  const sectionRef = useRef<HTMLElement>(null);
  const shownId = incident?.id;
  useEffect(() => {
    if (shownId) sectionRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shownId]);
  const place = useReverseGeocode(incident?.lngLat);

  if (!incident) return null;
  const clocks = incidentClocks(incident, now, targets);
  return (
    <section
      ref={sectionRef}
      className="panel incident-detail"
      data-testid="incident-detail"
      data-incident-id={incident.id}
    >
      <header className="panel-header">
        <h2>
          <PriorityBadge priority={incident.priority} /> {t(`incidentType.${incident.type}`)}
        </h2>
        <span className={`incident-status status-${incident.status}`} data-testid="incident-status">
          {t(`incidentStatus.${incident.status}`)}
        </span>
        <button type="button" className="ghost" onClick={() => useUiStore.getState().selectIncident(null)}>
          {t('common.close')}
        </button>
      </header>
      <dl className="facts">
        <dt>{t('incident.number')}</dt>
        <dd data-testid="incident-number">{incident.number}</dd>
        <dt>{t('incident.received')}</dt>
        <dd>
          {formatTime(incident.receivedAt)}
          <span className="muted" data-testid="incident-source">
            {' · '}
            {t(`incidentSource.${incident.source}`)}
          </span>
        </dd>
        <dt>{t('intake.address')}</dt>
        <dd>{incident.address || '—'}</dd>
        <dt>{t('incident.place')}</dt>
        <dd data-testid="incident-place">{place ?? '—'}</dd>
        {incident.description && (
          <>
            <dt>{t('intake.description')}</dt>
            <dd>{incident.description}</dd>
          </>
        )}
        {(incident.callerName || incident.callerPhone) && (
          <>
            <dt>{t('incident.caller')}</dt>
            <dd>{[incident.callerName, incident.callerPhone].filter(Boolean).join(' · ')}</dd>
          </>
        )}
        {incident.callerCount > 1 && (
          <>
            <dt>{t('incident.callerCount')}</dt>
            <dd data-testid="incident-caller-count">{incident.callerCount}</dd>
          </>
        )}
        {incident.resolution && (
          <>
            <dt>{t('incident.resolution')}</dt>
            <dd>{t(`resolution.${incident.resolution}`)}</dd>
          </>
        )}
      </dl>
      <div className="clocks">
        {CLOCK_NAMES.map((name) => (
          <ClockBadge key={name} clock={clocks[name]} />
        ))}
      </div>
      <h3>
        {t('incident.assignments')}{' '}
        <span className="muted">{t('incident.requiredUnits', { count: incident.requiredUnits })}</span>
      </h3>
      <AssignmentList assignments={incident.assignments} routes={routes} showEta={isOnBoard(incident)} />
      <IncidentActions incident={incident} />
      <IncidentTimeline events={timeline} assignments={incident.assignments} />
    </section>
  );
}
