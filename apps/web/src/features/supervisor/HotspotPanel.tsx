import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { notifyError } from '../../lib/notify-error.js';
import { useGridsStore } from '../../stores/grids-store.js';
import { useHotspotStore } from '../../stores/hotspot-store.js';
import { useUiStore } from '../../stores/ui-store.js';

/**
 * The top hot spots of the selected grid (H3 cells by priority-weighted incidents of the last 28
 * days) with their counts and main incident types; a click flies the map there.
 */
export function HotspotPanel({ gridId }: { gridId: string | null }) {
  const { t } = useTranslation();
  const top = useHotspotStore((s) => (gridId ? s.topByGrid[gridId] : undefined));
  const map = useHotspotStore((s) => s.map);
  const gridName = useGridsStore((s) => (gridId ? s.byId[gridId]?.name : undefined));

  useEffect(() => {
    if (!gridId) return;
    api
      .hotspotsTop({ gridId, limit: 5 })
      .then((dto) => useHotspotStore.getState().applyTop(dto), notifyError);
  }, [gridId]);

  if (!gridId) return <p className="muted">{t('hotspots.selectGrid')}</p>;
  const days = map?.window.days ?? 28;
  return (
    <div className="hotspot-panel" data-testid="hotspot-panel" data-grid-id={gridId}>
      <h3>{gridName}</h3>
      {top && top.cells.length === 0 && <p className="muted">{t('hotspots.none', { days })}</p>}
      <ol>
        {top?.cells.map((c, i) => (
          <li
            key={c.cell}
            data-testid="hotspot-row"
            data-cell={c.cell}
            onClick={() => useUiStore.getState().requestFlyTo(c.lngLat, 16)}
          >
            <span className="rank">{t('hotspots.rank', { rank: i + 1 })}</span>
            <span data-testid="hotspot-count">{t('hotspots.incidents', { count: c.incidents })}</span>
            <span className="muted" data-testid="hotspot-types">
              {c.mainTypes.map((m) => `${t(`incidentType.${m.type}`)} ${m.count}`).join(' · ')}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
