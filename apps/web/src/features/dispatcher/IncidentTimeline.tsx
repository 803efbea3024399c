import type { AuditEventDto } from '@dispatch/contracts';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format.js';

export function IncidentTimeline({ events }: { events: readonly AuditEventDto[] }) {
  const { t } = useTranslation();
  return (
    <div className="timeline" data-testid="incident-timeline">
      <h3>{t('incident.timeline')}</h3>
      <ol>
        {events.map((e) => (
          <li key={e.id}>
            <time>{formatTime(e.at)}</time>
            <span>{t(`audit.${e.action}`, { defaultValue: e.action })}</span>
            <span className="muted">{e.actorName}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
