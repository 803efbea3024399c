import type { GridCoverageDto } from '@dispatch/contracts';
import { can } from '@dispatch/domain';
import { useTranslation } from 'react-i18next';
import { useMapLayersStore } from '../map/map-layers-store.js';
import { COVERAGE_LEVEL_COLORS } from '../map/palette.js';
import { useSessionStore } from '../stores/session-store.js';
import { useStandbyPointsStore } from '../stores/standby-points-store.js';
import { HotspotLayerControl } from './HotspotLayerControl.js';

const LEVELS = Object.keys(COVERAGE_LEVEL_COLORS) as GridCoverageDto['level'][];

/**
 * The map's layer control: the coverage layer's toggle (interactive maps) and, while it is on, its
 * legend; the heat map with its time slider; and, where a screen has standby points (the
 * supervisor's), their toggle. Not for roles that get no coverage (the unit terminal).
 */
export function CoverageLayerControl({ toggle }: { toggle: boolean }) {
  const { t } = useTranslation();
  const visible = useMapLayersStore((s) => s.coverage);
  const role = useSessionStore((s) => s.user?.role);
  const standbyVisible = useMapLayersStore((s) => s.standbyPoints);
  const hasStandbyPoints = useStandbyPointsStore((s) => s.plan !== null);
  if (!role || !can(role, 'coverage.read') || (!toggle && !visible)) return null;
  return (
    <div className="map-layer-control" data-testid="coverage-layer-control">
      {toggle && (
        <button
          type="button"
          className={visible ? 'active' : ''}
          aria-pressed={visible}
          data-testid="coverage-layer-toggle"
          onClick={() => useMapLayersStore.getState().setCoverage(!visible)}
        >
          {t('coverage.layer')}
        </button>
      )}
      {visible && (
        <ul className="map-legend" data-testid="coverage-legend">
          {LEVELS.map((level) => (
            <li key={level}>
              <span className="swatch" style={{ background: COVERAGE_LEVEL_COLORS[level] }} />
              {t(`coverage.level.${level}`)}
            </li>
          ))}
        </ul>
      )}
      {toggle && hasStandbyPoints && (
        <button
          type="button"
          className={standbyVisible ? 'active' : ''}
          aria-pressed={standbyVisible}
          data-testid="standby-layer-toggle"
          onClick={() => useMapLayersStore.getState().setStandbyPoints(!standbyVisible)}
        >
          {t('standbyPoints.layer')}
        </button>
      )}
      {toggle && <HotspotLayerControl />}
    </div>
  );
}
