import {
  INCIDENT_SOURCES,
  INCIDENT_TYPES,
  PRIORITIES,
  type IncidentSource,
  type IncidentType,
} from '@dispatch/domain';
import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { formatDuration } from '../../lib/format.js';
import { serverNow, useClockStore } from '../../stores/clock-store.js';
import { useIntakeStore } from '../../stores/intake-store.js';
import { CandidateList } from './CandidateList.js';
import { LocationField } from './LocationField.js';
import { RelatedCalls } from './RelatedCalls.js';
import { useRelatedCalls } from './use-related-calls.js';
import { FIELD_OF_ERROR, submitIntake, type SubmitApi } from './submit-intake.js';
import { useIntakeRecommendations } from './use-intake-recommendations.js';

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio';
}

function CallTimer() {
  const { t } = useTranslation();
  const receivedAt = useIntakeStore((s) => s.receivedAt);
  const now = useClockStore((s) => s.now);
  if (receivedAt === null) return null;
  return (
    <span className="call-timer" title={t('intake.elapsed')}>
      {formatDuration((now - receivedAt) / 1000)}
    </span>
  );
}

/**
 * Call intake, keyboard first: N starts a call, Tab walks location → type → priority →
 * description → caller → candidates; Enter (Ctrl+Enter in the description) saves and
 * dispatches the selected units; Esc drops the call; 1-9 toggle candidates (Alt+digit from a
 * text field).
 */
export function CallIntake({ submitApi = api }: { submitApi?: SubmitApi }) {
  const { t } = useTranslation();
  const intake = useIntakeStore();
  const locationRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useIntakeRecommendations();
  const related = useRelatedCalls();

  useEffect(() => {
    if (intake.active) locationRef.current?.focus();
  }, [intake.active, intake.receivedAt]);

  useEffect(() => {
    const field = intake.errorKey ? FIELD_OF_ERROR[intake.errorKey] : undefined;
    if (field)
      formRef.current?.querySelector<HTMLElement>(`[data-field="${field}"], #intake-${field}`)?.focus();
  }, [intake.errorKey]);

  const submit = (dispatch: boolean) => void submitIntake(submitApi, { dispatch });

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      useIntakeStore.getState().reset();
      (document.activeElement as HTMLElement | null)?.blur();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit(true);
    } else if (/^[1-9]$/.test(event.key) && (event.altKey || !isTextEntry(event.target))) {
      event.preventDefault();
      useIntakeStore.getState().toggleCandidateAt(Number(event.key) - 1);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(true);
  };

  if (!intake.active) {
    return (
      <section className="panel intake intake-idle" data-testid="call-intake">
        <h2>{t('intake.title')}</h2>
        <button
          type="button"
          className="primary big"
          data-testid="new-call"
          onClick={() => useIntakeStore.getState().start(serverNow())}
        >
          {t('intake.newCall')}
        </button>
        <p className="hint">{t('intake.hint')}</p>
      </section>
    );
  }

  return (
    <section className="panel intake" data-testid="call-intake" onKeyDown={onKeyDown}>
      <header className="panel-header">
        <h2>{t('intake.title')}</h2>
        <CallTimer />
      </header>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <LocationField ref={locationRef} />
        <RelatedCalls related={related} />
        <div className="field">
          <label htmlFor="intake-address">{t('intake.address')}</label>
          <input
            id="intake-address"
            data-testid="intake-address"
            value={intake.address}
            maxLength={200}
            onChange={(e) => intake.setText('address', e.target.value)}
          />
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="intake-type">{t('intake.type')}</label>
            <select
              id="intake-type"
              data-testid="intake-type"
              value={intake.type ?? ''}
              onChange={(e) => intake.setType((e.target.value || null) as IncidentType | null)}
            >
              <option value="">—</option>
              {INCIDENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`incidentType.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="intake-source">{t('intake.source')}</label>
            <select
              id="intake-source"
              data-testid="intake-source"
              value={intake.source}
              onChange={(e) => intake.setSource(e.target.value as IncidentSource)}
            >
              {INCIDENT_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {t(`incidentSource.${source}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="intake-priority">{t('intake.priority')}</label>
            <select
              id="intake-priority"
              data-testid="intake-priority"
              value={intake.priority}
              onChange={(e) => intake.setPriority(Number(e.target.value))}
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="intake-description">{t('intake.description')}</label>
          <textarea
            id="intake-description"
            data-testid="intake-description"
            rows={2}
            maxLength={4000}
            value={intake.description}
            onChange={(e) => intake.setText('description', e.target.value)}
          />
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="intake-callerName">{t('intake.callerName')}</label>
            <input
              id="intake-callerName"
              data-testid="intake-caller-name"
              maxLength={100}
              value={intake.callerName}
              onChange={(e) => intake.setText('callerName', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="intake-callerPhone">{t('intake.callerPhone')}</label>
            <input
              id="intake-callerPhone"
              data-testid="intake-caller-phone"
              inputMode="tel"
              maxLength={32}
              value={intake.callerPhone}
              onChange={(e) => intake.setText('callerPhone', e.target.value)}
            />
          </div>
        </div>
        <h3>
          {t('intake.candidates')}
          {intake.recommendations && (
            <span className="muted"> · {t('intake.selected', { count: intake.selectedUnitIds.length })}</span>
          )}
        </h3>
        {!intake.recommendations && <p className="muted">{t('intake.needLocation')}</p>}
        {intake.recommendations && !intake.type && (
          <p className="muted" data-testid="intake-untyped">
            {t('intake.untypedRanking')}
          </p>
        )}
        <CandidateList
          recommendations={intake.recommendations}
          selectedIds={intake.selectedUnitIds}
          onToggle={intake.toggleCandidate}
          numbered
        />
        {intake.errorKey && (
          <p className="form-error" role="alert" data-testid="intake-error">
            {t(intake.errorKey)}
          </p>
        )}
        <div className="actions">
          {/* One save action: "save and dispatch" with units chosen (and "save only" beside it),
              just "save only" without (Enter / Ctrl+Enter then save without dispatching). */}
          <button type="submit" className="primary" disabled={intake.saving} data-testid="intake-submit">
            {intake.saving
              ? t('intake.saving')
              : intake.selectedUnitIds.length > 0
                ? t('intake.saveDispatch')
                : t('intake.noneSelected')}
          </button>
          {intake.selectedUnitIds.length > 0 && (
            <button
              type="button"
              disabled={intake.saving}
              onClick={() => submit(false)}
              data-testid="intake-save-only"
            >
              {t('intake.saveOnly')}
            </button>
          )}
          <button type="button" className="ghost" onClick={() => intake.reset()} data-testid="intake-cancel">
            {t('common.cancel')}
          </button>
        </div>
        <p className="hint">{t('intake.hint')}</p>
      </form>
    </section>
  );
}
