import type { AssignmentDto, AuditEventDto } from '@dispatch/contracts';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format.js';

export interface IncidentTimelineProps {
  events: readonly AuditEventDto[];
  /** The incident's assignments, to name the unit of each assignment event. */
  assignments?: readonly AssignmentDto[];
}

/** Call sign of the unit an audit event is about, when it is about an assignment of this incident. */
function unitOf(event: AuditEventDto, assignments: readonly AssignmentDto[]): string | null {
  if (event.entityType !== 'assignment') return null;
  return assignments.find((a) => a.id === event.entityId)?.callSign ?? null;
}

/** Who did what and when, from the audit trail (the one record of every change). */
export function IncidentTimeline({ events, assignments = [] }: IncidentTimelineProps) {
  const { t } = useTranslation();
  return (
    <div className="timeline" data-testid="incident-timeline">
      <h3>{t('incident.timeline')}</h3>
      <ol>
        {events.map((e) => {
          const unit = unitOf(e, assignments);
          return (
            <li key={e.id} data-action={e.action}>
              <time>{formatTime(e.at)}</time>
              <span>
                {t(`audit.${e.action}`, { defaultValue: e.action })}
                {unit && <strong className="timeline-unit"> {unit}</strong>}
              </span>
              <span className="muted">{e.actorName}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
