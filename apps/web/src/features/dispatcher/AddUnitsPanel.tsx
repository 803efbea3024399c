import type { RecommendationsDto } from '@dispatch/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { notifyError } from '../../lib/notify-error.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';
import { CandidateList } from './CandidateList.js';

/** Recommendations for a saved incident; dispatches the units ticked. */
export function AddUnitsPanel({ incidentId, onDone }: { incidentId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [recommendations, setRecommendations] = useState<RecommendationsDto | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.incidentRecommendations(incidentId).then(
      (r) => !cancelled && setRecommendations(r),
      (e: unknown) => !cancelled && notifyError(e),
    );
    return () => {
      cancelled = true;
    };
  }, [incidentId]);

  const toggle = (unitId: string) =>
    setSelected((s) => (s.includes(unitId) ? s.filter((id) => id !== unitId) : [...s, unitId]));

  const dispatch = async () => {
    setBusy(true);
    try {
      const result = await api.dispatch(incidentId, { unitIds: selected });
      useIncidentsStore.getState().upsertIncident(result.incident);
      onDone();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="add-units" data-testid="add-units">
      <CandidateList recommendations={recommendations} selectedIds={selected} onToggle={toggle} />
      <div className="actions">
        <button type="button" className="primary" disabled={busy || selected.length === 0} onClick={dispatch}>
          {t('incident.dispatchSelected')}
        </button>
        <button type="button" className="ghost" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
