import type { IncidentDto, RelatedCallsDto } from '@dispatch/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { formatTime } from '../../lib/format.js';
import { notifyError } from '../../lib/notify-error.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';
import { useIntakeStore } from '../../stores/intake-store.js';
import { useUiStore } from '../../stores/ui-store.js';

/** The call being taken, attached to `incident` as a further caller; the intake is then done. */
export async function attachCall(incident: IncidentDto): Promise<void> {
  const intake = useIntakeStore.getState();
  if (!intake.callId || intake.saving) return;
  intake.setSaving(true);
  try {
    const updated = await api.addCaller(incident.id, {
      callId: intake.callId,
      ...(intake.callerName.trim() ? { callerName: intake.callerName.trim() } : {}),
      ...(intake.callerPhone.trim() ? { callerPhone: intake.callerPhone.trim() } : {}),
      ...(intake.description.trim() ? { notes: intake.description.trim() } : {}),
      ...(intake.receivedAt !== null ? { receivedAt: new Date(intake.receivedAt).toISOString() } : {}),
    });
    useIncidentsStore.getState().upsertIncident(updated);
    useIntakeStore.getState().reset();
    useUiStore.getState().selectIncident(updated.id);
    useUiStore
      .getState()
      .notify({ level: 'info', key: 'related.attached', params: { number: updated.number } });
  } catch (error) {
    useIntakeStore.getState().setSaving(false);
    notifyError(error);
  }
}

/**
 * Possible duplicates of the call being taken (open incidents near it, the same phone wider)
 * with one key to attach the call to the likeliest (Alt+J), and the place's past calls.
 */
export function RelatedCalls({ related }: { related: RelatedCallsDto | null }) {
  const { t } = useTranslation();
  const [showHistory, setShowHistory] = useState(false);
  const first = related?.open[0]?.incident ?? null;
  useEffect(() => {
    if (!first) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && (event.key === 'j' || event.key === 'J')) {
        event.preventDefault();
        void attachCall(first);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [first]);
  if (!related || (related.open.length === 0 && related.history.length === 0)) return null;
  return (
    <div className="related-calls" data-testid="related-calls">
      {related.open.length > 0 && (
        <>
          <h3 className="warning">{t('related.title', { count: related.open.length })}</h3>
          <ul>
            {related.open.map((r, i) => (
              <li key={r.incident.id} data-testid="related-incident" data-incident-id={r.incident.id}>
                <span>
                  <strong>{r.incident.number.slice(-4)}</strong> {t(`incidentType.${r.incident.type}`)} ·{' '}
                  {t('related.where', { meters: r.distanceMeters, minutes: Math.round(r.minutesBefore) })}
                  {r.samePhone && <span className="pill key-place"> {t('related.samePhone')}</span>}
                  {r.incident.callerCount > 1 && (
                    <span className="muted">
                      {' '}
                      · {t('related.callers', { count: r.incident.callerCount })}
                    </span>
                  )}
                </span>
                <button
                  type="button"
                  data-testid="attach-call"
                  onClick={() => void attachCall(r.incident)}
                  title={i === 0 ? 'Alt+J' : undefined}
                >
                  {i === 0 ? t('related.attachFirst') : t('related.attach')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {related.history.length > 0 && (
        <p className="muted">
          <button
            type="button"
            className="link"
            onClick={() => setShowHistory((v) => !v)}
            data-testid="place-history"
          >
            {t('related.history', { count: related.history.length })}
          </button>
        </p>
      )}
      {showHistory && (
        <ul className="place-history">
          {related.history.map((e) => (
            <li key={e.id}>
              {formatTime(e.receivedAt)} {t(`incidentType.${e.type}`)} ·{' '}
              {e.resolution ? t(`resolution.${e.resolution}`) : t(`incidentStatus.${e.status}`)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
