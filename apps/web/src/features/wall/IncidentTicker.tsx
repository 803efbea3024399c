import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { PriorityBadge } from '../../components/PriorityBadge.js';
import { formatTime } from '../../lib/format.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';

const SHOWN = 8;

/** The newest incidents, newest first; a new one slides in highlighted. */
export function IncidentTicker() {
  const { t } = useTranslation();
  const latest = useIncidentsStore(
    useShallow((s) =>
      Object.values(s.byId)
        .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
        .slice(0, SHOWN),
    ),
  );
  return (
    <div className="ticker" data-testid="ticker">
      <span className="ticker-title">{t('wall.ticker')}</span>
      <ol>
        {latest.map((incident) => (
          <li
            key={incident.id}
            className={`ticker-item status-${incident.status}`}
            data-testid="ticker-item"
            data-number={incident.number}
            data-status={incident.status}
          >
            <time>{formatTime(incident.receivedAt)}</time>
            <PriorityBadge priority={incident.priority} />
            <strong>{t(`incidentType.${incident.type}`)}</strong>
            <span>{incident.address}</span>
            <span className={`incident-status status-${incident.status}`}>
              {t(`incidentStatus.${incident.status}`)}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
