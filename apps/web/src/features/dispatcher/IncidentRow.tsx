import type { IncidentDto } from '@dispatch/contracts';
import { CLOCK_NAMES } from '@dispatch/domain';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { ClockBadge } from '../../components/ClockBadge.js';
import { PriorityBadge } from '../../components/PriorityBadge.js';
import { incidentClocks, worstWarning } from '../../lib/incident-clocks.js';
import { useClockStore } from '../../stores/clock-store.js';

export interface IncidentRowProps {
  incident: IncidentDto;
  selected: boolean;
  onSelect: (incident: IncidentDto) => void;
}

/** One queue row with its three live response clocks. */
export const IncidentRow = memo(function IncidentRow({ incident, selected, onSelect }: IncidentRowProps) {
  const { t } = useTranslation();
  const now = useClockStore((s) => s.now);
  const targets = useClockStore((s) => s.targets);
  const clocks = incidentClocks(incident, now, targets);
  return (
    <li>
      <button
        type="button"
        className={`incident-row warning-${worstWarning(clocks)} ${selected ? 'selected' : ''}`}
        data-testid="incident-row"
        data-incident-id={incident.id}
        data-number={incident.number}
        data-status={incident.status}
        aria-pressed={selected}
        onClick={() => onSelect(incident)}
      >
        <span className="incident-row-head">
          <PriorityBadge priority={incident.priority} />
          <strong>{t(`incidentType.${incident.type}`)}</strong>
          <span className="muted number">{incident.number}</span>
          <span className={`incident-status status-${incident.status}`}>
            {t(`incidentStatus.${incident.status}`)}
          </span>
        </span>
        <span className="incident-row-address">{incident.address}</span>
        <span className="clocks">
          {CLOCK_NAMES.map((name) => (
            <ClockBadge key={name} clock={clocks[name]} />
          ))}
        </span>
      </button>
    </li>
  );
});
