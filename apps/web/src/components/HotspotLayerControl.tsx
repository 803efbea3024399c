import { useTranslation } from 'react-i18next';
import { useHotspotMap } from '../hooks/use-hotspot-map.js';
import { useMapLayersStore } from '../map/map-layers-store.js';
import { HOTSPOT_RAMP } from '../map/palette.js';
import { useHotspotStore } from '../stores/hotspot-store.js';
import { PeriodPicker } from './PeriodPicker.js';

/**
 * The heat map's toggle and, while it is on, its time slider (now, next shift, any hour of week)
 * and legend. Loads the heat map of the chosen period while the layer is on.
 */
export function HotspotLayerControl() {
  const { t } = useTranslation();
  const visible = useMapLayersStore((s) => s.hotspots);
  const period = useHotspotStore((s) => s.period);
  const map = useHotspotStore((s) => s.map);
  useHotspotMap(visible);
  const gradient = `linear-gradient(to right, ${HOTSPOT_RAMP.map(([at, c]) => `${c} ${at * 100}%`).join(', ')})`;
  return (
    <div className="hotspot-layer-control" data-testid="hotspot-layer-control">
      <button
        type="button"
        className={visible ? 'active' : ''}
        aria-pressed={visible}
        data-testid="hotspot-layer-toggle"
        onClick={() => useMapLayersStore.getState().setHotspots(!visible)}
      >
        {t('hotspots.layer')}
      </button>
      {visible && (
        <div className="map-legend hotspot-legend" data-testid="hotspot-legend">
          <PeriodPicker
            value={period}
            onChange={(p) => useHotspotStore.getState().setPeriod(p)}
            resolved={map?.period ?? null}
            testId="hotspot-period"
          />
          <span className="heat-scale">
            {t('hotspots.legendLow')}
            <span className="heat-ramp" style={{ background: gradient }} />
            {t('hotspots.legendHigh')}
          </span>
          {map && (
            <span className="muted" data-testid="hotspot-expected">
              {t('hotspots.expected', { count: Math.round(map.totalExpectedIncidents * 10) / 10 })}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
