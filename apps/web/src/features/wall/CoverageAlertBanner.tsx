import { useTranslation } from 'react-i18next';
import { CoverageAlertList, useOpenAlerts } from '../../components/CoverageAlertList.js';

/** How many alerts fit the banner at wall size; the rest are counted. */
const SHOWN = 5;

/** Grids whose free units no longer reach enough of them in 5 minutes; gone once all clear. */
export function CoverageAlertBanner() {
  const { t } = useTranslation();
  const alerts = useOpenAlerts();
  if (alerts.length === 0) return null;
  return (
    <section className="coverage-banner" data-testid="coverage-alerts" role="alert">
      <h2>
        {t('coverage.alerts')} <span className="count">{alerts.length}</span>
      </h2>
      <CoverageAlertList alerts={alerts} max={SHOWN} />
    </section>
  );
}
