import type { IncidentDto } from '@dispatch/contracts';
import { RESOLUTIONS, can, isIncidentOpen, isIncidentTerminal, type Resolution } from '@dispatch/domain';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { notifyError } from '../../lib/notify-error.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { useCheckpointLayerStore } from '../../map/checkpoint-layer-store.js';
import { AddUnitsPanel } from './AddUnitsPanel.js';
import { CheckpointPanel } from './checkpoints/CheckpointPanel.js';

/** One input and its confirm / dismiss buttons, in line under the actions. */
function InlineForm(props: {
  children: ReactNode;
  danger?: boolean;
  busy: boolean;
  confirmTestId: string;
  onConfirm: () => void;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="inline-form">
      {props.children}
      <button
        type="button"
        className={props.danger ? 'danger' : 'primary'}
        disabled={props.busy}
        onClick={props.onConfirm}
        data-testid={props.confirmTestId}
      >
        {t('common.confirm')}
      </button>
      <button type="button" className="ghost" onClick={props.onDismiss}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

type Mode = 'none' | 'add' | 'checkpoints' | 'cancel' | 'resolve';

/** Dispatcher actions on the selected incident: add units, next tier, checkpoints, cancel, resolve, close. */
export function IncidentActions({ incident }: { incident: IncidentDto }) {
  const { t } = useTranslation();
  const role = useSessionStore((s) => s.user?.role);
  const [mode, setMode] = useState<Mode>('none');
  const [reason, setReason] = useState('');
  const [resolution, setResolution] = useState<Resolution>('resolved_on_scene');
  const [busy, setBusy] = useState(false);
  // A checkpoint ring on the map belongs to this incident: gone when another one is selected.
  useEffect(() => () => useCheckpointLayerStore.getState().clear(incident.id), [incident.id]);

  if (!role || isIncidentTerminal(incident.status)) return null;

  const run = async (action: () => Promise<IncidentDto | { incident: IncidentDto }>) => {
    setBusy(true);
    try {
      const result = await action();
      useIncidentsStore.getState().upsertIncident('incident' in result ? result.incident : result);
      setMode('none');
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const open = isIncidentOpen(incident.status);
  return (
    <div className="incident-actions" data-testid="incident-actions">
      <div className="actions">
        {open && can(role, 'incident.dispatch') && (
          <>
            <button
              type="button"
              onClick={() => setMode(mode === 'add' ? 'none' : 'add')}
              data-testid="action-add-units"
            >
              {t('incident.addUnits')}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => run(() => api.dispatch(incident.id, { nextTier: true }))}
              data-testid="action-next-tier"
            >
              {t('incident.nextTier')}
            </button>
            <button
              type="button"
              onClick={() => setMode(mode === 'checkpoints' ? 'none' : 'checkpoints')}
              data-testid="action-checkpoints"
            >
              {t('checkpoints.action')}
            </button>
          </>
        )}
        {open && can(role, 'incident.resolve', { actorAssignedToIncident: false }) && (
          <button type="button" onClick={() => setMode('resolve')} data-testid="action-resolve">
            {t('incident.resolve')}
          </button>
        )}
        {incident.status === 'resolved' && can(role, 'incident.close') && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => run(() => api.closeIncident(incident.id))}
            data-testid="action-close"
          >
            {t('incident.close')}
          </button>
        )}
        {can(role, 'incident.cancel') && (
          <button
            type="button"
            className="danger"
            onClick={() => setMode('cancel')}
            data-testid="action-cancel"
          >
            {t('incident.cancel')}
          </button>
        )}
      </div>
      {mode === 'add' && <AddUnitsPanel incidentId={incident.id} onDone={() => setMode('none')} />}
      {mode === 'checkpoints' && <CheckpointPanel incident={incident} onDone={() => setMode('none')} />}
      {mode === 'cancel' && (
        <InlineForm
          danger
          busy={busy}
          confirmTestId="confirm-cancel"
          onConfirm={() => run(() => api.cancelIncident(incident.id, reason.trim() || undefined))}
          onDismiss={() => setMode('none')}
        >
          <input
            autoFocus
            placeholder={t('incident.cancelReason')}
            value={reason}
            maxLength={2000}
            onChange={(e) => setReason(e.target.value)}
            data-testid="cancel-reason"
          />
        </InlineForm>
      )}
      {mode === 'resolve' && (
        <InlineForm
          busy={busy}
          confirmTestId="confirm-resolve"
          onConfirm={() => run(() => api.resolveIncident(incident.id, { resolution }))}
          onDismiss={() => setMode('none')}
        >
          <select
            autoFocus
            value={resolution}
            onChange={(e) => setResolution(e.target.value as Resolution)}
            data-testid="resolve-resolution"
          >
            {RESOLUTIONS.map((r) => (
              <option key={r} value={r}>
                {t(`resolution.${r}`)}
              </option>
            ))}
          </select>
        </InlineForm>
      )}
    </div>
  );
}
