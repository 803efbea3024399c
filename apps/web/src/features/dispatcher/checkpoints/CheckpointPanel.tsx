import {
  DEFAULT_ESCAPE_MINUTES,
  DEFAULT_MAX_CHECKPOINTS,
  MAX_CHECKPOINTS,
  MAX_ESCAPE_MINUTES,
  MIN_ESCAPE_MINUTES,
  type CheckpointDto,
  type CheckpointPlanDto,
  type IncidentDto,
} from '@dispatch/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/api-error.js';
import { api } from '../../../api/client.js';
import { formatDistance, formatDuration } from '../../../lib/format.js';
import { notifyError } from '../../../lib/notify-error.js';
import { useCheckpointLayerStore } from '../../../map/checkpoint-layer-store.js';
import { useIncidentsStore } from '../../../stores/incidents-store.js';
import { useUiStore } from '../../../stores/ui-store.js';
import './checkpoints.css';

/**
 * Zoom at which the whole ring fits a map panel about 500 px across (MapLibre's 512 px tiles:
 * 78,272 m per pixel at zoom 0 on the equator, times cos(latitude)), city to district view.
 */
export function ringZoom(origin: readonly [number, number], checkpoints: readonly CheckpointDto[]): number {
  const radius = Math.max(500, ...checkpoints.map((c) => metersBetween(origin, c.lngLat)));
  const metersPerPixel = (2.2 * radius) / 500;
  const zoom = Math.log2((78_272 * Math.cos((origin[1] * Math.PI) / 180)) / metersPerPixel);
  return Math.min(15, Math.max(10, zoom));
}

function metersBetween(a: readonly [number, number], b: readonly number[]): number {
  const rad = Math.PI / 180;
  const x = (b[0]! - a[0]) * rad * Math.cos(((a[1] + b[1]!) / 2) * rad);
  const y = (b[1]! - a[1]) * rad;
  return Math.hypot(x, y) * 6_371_000;
}

const inRange = (value: number, min: number, max: number, integer = false) =>
  Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));

function CheckpointRow({ checkpoint }: { checkpoint: CheckpointDto }) {
  const { t } = useTranslation();
  const { unit } = checkpoint;
  return (
    <li
      className={`checkpoint ${unit ? 'held' : 'unheld'}`}
      data-testid="checkpoint-row"
      data-checkpoint-id={checkpoint.id}
    >
      <span className="road">{checkpoint.roadName ?? t('checkpoints.unnamedRoad')}</span>
      <span className="muted" title={t('checkpoints.suspectEta')}>
        {t('checkpoints.suspectEta')} {formatDuration(checkpoint.suspectEtaSeconds)}
      </span>
      {unit ? (
        <>
          <strong className="callsign">{unit.callSign}</strong>
          <span className="muted">{t(`unitKind.${unit.kind}`)}</span>
          <span className="eta" title={t(`etaMethod.${unit.method}`)}>
            {formatDuration(unit.etaSeconds)}
          </span>
          <span className="muted">{formatDistance(unit.distanceMeters)}</span>
          <span className="margin" data-testid="checkpoint-margin" title={t('checkpoints.margin')}>
            +{formatDuration(unit.marginSeconds)}
          </span>
        </>
      ) : (
        <span className="uncovered">
          {t('checkpoints.uncovered')}:{' '}
          {t(`checkpoints.${checkpoint.uncoveredReason ?? 'NO_REACHABLE_UNIT'}`)}
        </span>
      )}
    </li>
  );
}

/**
 * Checkpoints on the roads out of the incident's area: pick the escape time, preview the ring
 * (list + map), then send the proposed units. The confirmation carries the previewed units, so
 * a changed plan is re-previewed instead of silently sending others.
 */
export function CheckpointPanel({ incident, onDone }: { incident: IncidentDto; onDone: () => void }) {
  const { t } = useTranslation();
  const [escapeMinutes, setEscapeMinutes] = useState(String(DEFAULT_ESCAPE_MINUTES[incident.type]));
  const [maxCheckpoints, setMaxCheckpoints] = useState(String(DEFAULT_MAX_CHECKPOINTS));
  const [plan, setPlan] = useState<CheckpointPlanDto | null>(null);
  const [busy, setBusy] = useState(false);

  const minutes = Number(escapeMinutes);
  const count = Number(maxCheckpoints);
  const valid =
    escapeMinutes.trim() !== '' &&
    maxCheckpoints.trim() !== '' &&
    inRange(minutes, MIN_ESCAPE_MINUTES, MAX_ESCAPE_MINUTES) &&
    inRange(count, 1, MAX_CHECKPOINTS, true);

  // A preview of this incident is only on the map while the panel is open (or once sent).
  useEffect(() => {
    const incidentId = incident.id;
    return () => {
      const layer = useCheckpointLayerStore.getState();
      if (!layer.checkpoints.some((c) => c.assignmentId !== null)) layer.clear(incidentId);
    };
  }, [incident.id]);

  const show = (next: CheckpointPlanDto | null) => {
    setPlan(next);
    if (next) useCheckpointLayerStore.getState().show(incident.id, next.origin, next.checkpoints);
    else useCheckpointLayerStore.getState().clear(incident.id);
  };

  const preview = async () => {
    setBusy(true);
    try {
      const next = await api.checkpointPreview(incident.id, {
        escapeMinutes: minutes,
        maxCheckpoints: count,
      });
      show(next);
      useUiStore.getState().requestFlyTo(next.origin, ringZoom(next.origin, next.checkpoints));
    } catch (e) {
      show(null);
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const manned = plan?.checkpoints.filter((c) => c.unit !== null) ?? [];

  const confirm = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      const result = await api.dispatchCheckpoints(incident.id, {
        escapeMinutes: plan.escapeMinutes,
        maxCheckpoints: plan.maxCheckpoints,
        expectUnitIds: manned.map((c) => c.unit!.unitId),
      });
      useIncidentsStore.getState().upsertIncident(result.incident);
      useCheckpointLayerStore.getState().show(incident.id, result.plan.origin, result.plan.checkpoints);
      useUiStore.getState().notify({
        level: 'info',
        key: 'checkpoints.dispatched',
        params: { count: result.assignments.length },
      });
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        // Someone else moved first: show the fresh plan rather than a bare error.
        useUiStore.getState().notify({ level: 'warning', key: 'checkpoints.planChanged' });
        setBusy(false);
        await preview();
        return;
      }
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="checkpoint-panel" data-testid="checkpoint-panel">
      <h4>{t('checkpoints.title')}</h4>
      <div className="inline-form">
        <label>
          {t('checkpoints.escapeMinutes')}
          <input
            type="number"
            min={MIN_ESCAPE_MINUTES}
            max={MAX_ESCAPE_MINUTES}
            step={1}
            value={escapeMinutes}
            aria-invalid={!valid}
            onChange={(e) => {
              setEscapeMinutes(e.target.value);
              show(null);
            }}
            data-testid="checkpoint-escape-minutes"
          />
        </label>
        <label>
          {t('checkpoints.maxCheckpoints')}
          <input
            type="number"
            min={1}
            max={MAX_CHECKPOINTS}
            step={1}
            value={maxCheckpoints}
            onChange={(e) => {
              setMaxCheckpoints(e.target.value);
              show(null);
            }}
            data-testid="checkpoint-max"
          />
        </label>
        <button type="button" disabled={busy || !valid} onClick={preview} data-testid="checkpoint-preview">
          {busy && !plan ? t('checkpoints.previewing') : t('checkpoints.preview')}
        </button>
      </div>
      {plan && (
        <>
          <p className="muted" data-testid="checkpoint-summary">
            {t('checkpoints.summary', { exits: plan.exitCount, manned: manned.length })}
            {plan.elapsedSeconds >= 60 &&
              ` · ${t('checkpoints.elapsed', { minutes: Math.floor(plan.elapsedSeconds / 60) })}`}
          </p>
          {plan.checkpoints.length === 0 && <p className="warning">{t('checkpoints.none')}</p>}
          {plan.checkpoints.length > 0 && manned.length === 0 && (
            <p className="warning">{t('checkpoints.noneManned')}</p>
          )}
          <ul className="checkpoint-list">
            {plan.checkpoints.map((c) => (
              <CheckpointRow key={c.id} checkpoint={c} />
            ))}
          </ul>
        </>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy || manned.length === 0}
          onClick={confirm}
          data-testid="checkpoint-confirm"
        >
          {t('checkpoints.confirm')}
        </button>
        <button type="button" className="ghost" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
