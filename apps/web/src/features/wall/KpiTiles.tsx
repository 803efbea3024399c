import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { formatDuration, formatShare } from '../../lib/format.js';
import { liveKpi } from '../../lib/live-kpi.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';
import { useUnitsStore } from '../../stores/units-store.js';
import { useKpiToday } from './use-kpi-today.js';

function Tile({
  id,
  label,
  value,
  tone = 'normal',
}: {
  id: string;
  label: string;
  value: string;
  tone?: string;
}) {
  return (
    <div className={`kpi-tile tone-${tone}`} data-testid={`kpi-${id}`}>
      <span className="kpi-value">{value}</span>
      <span className="kpi-label">{label}</span>
    </div>
  );
}

/** Wall KPIs: live counts from the stores, daily statistics from the server. */
export function KpiTiles() {
  const { t } = useTranslation();
  const now = useClockStore((s) => s.now);
  const targets = useClockStore((s) => s.targets);
  const incidents = useIncidentsStore(useShallow((s) => Object.values(s.byId)));
  const units = useUnitsStore(useShallow((s) => Object.values(s.byId)));
  const live = liveKpi(incidents, units, now, targets);
  const today = useKpiToday();
  const none = t('wall.noData');
  const median = today?.medianDispatchSeconds ?? null;
  return (
    <div className="kpi-tiles" data-testid="kpi-tiles">
      <Tile id="open" label={t('wall.openIncidents')} value={String(live.openIncidents)} />
      <Tile
        id="breaches"
        label={t('wall.breaches')}
        value={String(live.breaches)}
        tone={live.breaches > 0 ? 'red' : 'normal'}
      />
      <Tile
        id="median-dispatch"
        label={t('wall.medianDispatch')}
        value={median === null ? none : formatDuration(median)}
      />
      <Tile
        id="within3"
        label={t('wall.within3')}
        value={formatShare(today?.shareOnSceneWithin3 ?? null) ?? none}
      />
      <Tile
        id="within5"
        label={t('wall.within5')}
        value={formatShare(today?.shareOnSceneWithin5 ?? null) ?? none}
      />
      <Tile id="free" label={t('wall.unitsFree')} value={String(live.unitsFree)} tone="green" />
      <Tile id="busy" label={t('wall.unitsBusy')} value={String(live.unitsBusy)} tone="amber" />
    </div>
  );
}
