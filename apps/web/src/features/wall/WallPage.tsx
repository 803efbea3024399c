import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { SoundControl } from '../attention/SoundControl.js';
import { useDispatcherAlerts } from '../attention/use-dispatcher-alerts.js';
import { ConnectionBadge } from '../../components/ConnectionBadge.js';
import { ServerClock } from '../../components/ServerClock.js';
import { SituationMapView } from '../../components/SituationMapView.js';
import { CoverageAlertBanner } from './CoverageAlertBanner.js';
import { IncidentTicker } from './IncidentTicker.js';
import { KpiTiles } from './KpiTiles.js';
import { OpenIncidentBoard } from './OpenIncidentBoard.js';

// Keep the city clear of the KPI tiles (left), the incident board (right) and the ticker (bottom).
const WALL_FIT_PADDING = { top: 90, bottom: 90, left: 480, right: 560 };

/**
 * Wall screen: full-screen map shaded by live coverage, KPIs, uncovered-area alerts, open incidents
 * with their clocks and the incident ticker. No interaction; recovers by itself.
 */
export function WallPage() {
  const { t } = useTranslation();
  useDispatcherAlerts('wall');
  return (
    <div className="wall-page" data-testid="wall">
      <SituationMapView interactive={false} fitGrids fitPadding={WALL_FIT_PADDING} coverage />
      <header className="wall-header">
        <h1>{t('app.title')}</h1>
        <ServerClock className="wall-clock" />
        <ConnectionBadge />
        <SoundControl screen="wall" />
        <LanguageSwitch />
      </header>
      <KpiTiles />
      <CoverageAlertBanner />
      <OpenIncidentBoard />
      <IncidentTicker />
    </div>
  );
}
