import { can } from '@dispatch/domain';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../stores/session-store.js';
import { CoverageAlertList, useOpenAlerts } from './CoverageAlertList.js';

const SHOWN = 3;

function Badge() {
  const { t } = useTranslation();
  const alerts = useOpenAlerts();
  if (alerts.length === 0) return null;
  return (
    <div className="coverage-badge" data-testid="coverage-alert-badge" role="status">
      <strong>{t('coverage.badge', { count: alerts.length })}</strong>
      <CoverageAlertList alerts={alerts} max={SHOWN} compact />
    </div>
  );
}

/** The open coverage alerts, compact, in the console header (staff who may read coverage). */
export function CoverageAlertBadge() {
  const role = useSessionStore((s) => s.user?.role);
  return role && can(role, 'coverage.read') ? <Badge /> : null;
}
