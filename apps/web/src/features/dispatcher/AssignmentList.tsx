import type { AssignmentDto } from '@dispatch/contracts';
import { isAssignmentTravelling } from '@dispatch/domain';
import { useTranslation } from 'react-i18next';
import { etaMinutes, formatDistance } from '../../lib/format.js';
import type { AssignmentRoute } from '../../stores/ui-store.js';
import { useUnitsStore } from '../../stores/units-store.js';
import { useUiStore } from '../../stores/ui-store.js';

export interface AssignmentListProps {
  assignments: readonly AssignmentDto[];
  routes: Readonly<Record<string, AssignmentRoute>>;
  /** False once the incident ended: nobody is travelling any more. */
  showEta?: boolean;
}

function locate(unitId: string) {
  const position = useUnitsStore.getState().positions[unitId];
  const ui = useUiStore.getState();
  ui.selectUnit(unitId);
  if (position) ui.requestFlyTo(position.lngLat);
}

/** Units on the incident with their state and live route ETA. */
export function AssignmentList({ assignments, routes, showEta = true }: AssignmentListProps) {
  const { t } = useTranslation();
  if (assignments.length === 0) return <p className="muted">{t('incident.noAssignments')}</p>;
  return (
    <ul className="assignments" data-testid="assignment-list">
      {assignments.map((a) => {
        const route = routes[a.id];
        const eta = route?.etaSeconds ?? a.etaSeconds;
        const distance = route?.distanceMeters ?? a.distanceMeters;
        return (
          <li
            key={a.id}
            className={`assignment status-${a.status}`}
            data-testid="assignment-row"
            data-status={a.status}
          >
            <button type="button" className="link" onClick={() => locate(a.unitId)} title={t('units.flyTo')}>
              {a.callSign}
            </button>
            <span className="muted">{t(`unitKind.${a.unitKind}`)}</span>
            <span className="muted">
              {t(`assignmentRole.${a.role}`)} · {t('intake.tier', { tier: a.tier })}
            </span>
            <span className={`pill status-${a.status}`}>{t(`assignmentStatus.${a.status}`)}</span>
            {showEta && eta !== null && isAssignmentTravelling(a.status) && (
              <span className="eta" data-testid="assignment-eta">
                {t('incident.eta')} {t('common.minutes', { count: etaMinutes(eta) })}
                {distance !== null && <span className="muted"> · {formatDistance(distance)}</span>}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
