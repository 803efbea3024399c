import type { IncidentDto } from '@dispatch/contracts';
import { CLOCK_NAMES, type ClockTargets } from '@dispatch/domain';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ClockBadge } from '../../components/ClockBadge.js';
import { PriorityBadge } from '../../components/PriorityBadge.js';
import { incidentClocks, worstWarning } from '../../lib/incident-clocks.js';
import { queueOf } from '../../lib/incident-queue.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';

/** How many rows fit on a 1080p wall beside the map; the rest is counted, not hidden silently. */
const MAX_ROWS = 12;
const WARNING_ORDER = { red: 0, amber: 1, ok: 2 } as const;

/** Breached incidents first (the wall exists to show them), then the queue order. */
export function wallOrder(incidents: IncidentDto[], now: number, targets: ClockTargets) {
  return queueOf(incidents)
    .map((incident) => ({ incident, clocks: incidentClocks(incident, now, targets) }))
    .map((row) => ({ ...row, warning: worstWarning(row.clocks) }))
    .sort((a, b) => WARNING_ORDER[a.warning] - WARNING_ORDER[b.warning]);
}

/** Every open incident with its three 1-3-5 clocks; a breach turns its row red. */
export function OpenIncidentBoard() {
  const { t } = useTranslation();
  const incidents = useIncidentsStore(useShallow((s) => Object.values(s.byId)));
  const now = useClockStore((s) => s.now);
  const targets = useClockStore((s) => s.targets);
  const rows = wallOrder(incidents, now, targets);
  return (
    <section className="wall-board" data-testid="wall-board">
      <h2>
        {t('wall.openIncidents')} <span className="count">{rows.length}</span>
      </h2>
      <ol>
        {rows.slice(0, MAX_ROWS).map(({ incident, clocks, warning }) => (
          <li
            key={incident.id}
            className={`wall-board-row warning-${warning}`}
            data-testid="wall-board-row"
            data-number={incident.number}
            data-warning={warning}
          >
            <span className="wall-board-head">
              <PriorityBadge priority={incident.priority} />
              <strong>{t(`incidentType.${incident.type}`)}</strong>
              <span className={`incident-status status-${incident.status}`}>
                {t(`incidentStatus.${incident.status}`)}
              </span>
            </span>
            <span className="wall-board-address">{incident.address || incident.number}</span>
            <span className="clocks">
              {CLOCK_NAMES.map((name) => (
                <ClockBadge key={name} clock={clocks[name]} />
              ))}
            </span>
          </li>
        ))}
      </ol>
      {rows.length > MAX_ROWS && <p className="muted">{t('wall.more', { count: rows.length - MAX_ROWS })}</p>}
    </section>
  );
}
