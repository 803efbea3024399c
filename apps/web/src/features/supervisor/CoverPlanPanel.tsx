import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HotspotPanel } from './HotspotPanel.js';
import { StandbyPointsPanel } from './StandbyPointsPanel.js';

type Tab = 'standby' | 'hotspots';

/** Keeping the city covered: recommended standby points, and the hot spots of the selected grid. */
export function CoverPlanPanel({ gridId }: { gridId: string | null }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('standby');
  return (
    <section className="panel cover-plan" data-testid="cover-plan">
      <div className="tabs" role="tablist">
        {(
          [
            ['standby', t('standbyPoints.title')],
            ['hotspots', t('hotspots.title')],
          ] as const
        ).map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'active' : ''}
            data-testid={`cover-tab-${id}`}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {/* The standby panel stays mounted: its points are on the map whichever tab is open. */}
      <div hidden={tab !== 'standby'}>
        <StandbyPointsPanel gridId={gridId} />
      </div>
      {tab === 'hotspots' && <HotspotPanel gridId={gridId} />}
    </section>
  );
}
