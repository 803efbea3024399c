import type { MoveUpDto } from '@dispatch/contracts';
import { can, isUnitDispatchable } from '@dispatch/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../api/client.js';
import { errorCode } from '../api/api-error.js';
import { etaMinutes } from '../lib/format.js';
import { notifyError } from '../lib/notify-error.js';
import { useClockStore } from '../stores/clock-store.js';
import { useGridsStore } from '../stores/grids-store.js';
import { useIncidentsStore } from '../stores/incidents-store.js';
import { offeredMoveUps, useMoveUpStore } from '../stores/move-up-store.js';
import { useSessionStore } from '../stores/session-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useUnitsStore } from '../stores/units-store.js';

/** Answers after which this recommendation is not offered any more: drop it from the list. */
const GONE = new Set(['MOVE_UP_DECIDED', 'MOVE_UP_EXPIRED', 'UNIT_NOT_AVAILABLE', 'NOT_FOUND']);

/** Share points with one decimal: 0.0321 -> "3.2". */
const points = (share: number) => (Math.round(share * 1000) / 10).toFixed(1);

/** The recommendations still offered, their unit still free as far as this console knows. */
function useOfferedMoveUps(): MoveUpDto[] {
  const now = useClockStore((s) => s.now);
  const byId = useMoveUpStore((s) => s.byId);
  // Statuses of the units concerned only: a position batch does not re-render the panel.
  const statuses = useUnitsStore(
    useShallow((s) => Object.values(byId).map((m) => s.byId[m.unitId]?.status ?? null)),
  );
  const free = new Map(Object.values(byId).map((m, i) => [m.unitId, statuses[i] ?? null]));
  return offeredMoveUps(byId, now, (unitId) => {
    const status = free.get(unitId);
    return !status || isUnitDispatchable(status);
  });
}

/** Why the move is recommended: the dispatch to an incident, or units gone out of service. */
function useTriggerLabel(move: MoveUpDto): string {
  const { t } = useTranslation();
  const numbers = useIncidentsStore(
    useShallow((s) => move.trigger.incidentIds.map((id) => s.byId[id]?.number ?? null)),
  );
  const signs = useUnitsStore(
    useShallow((s) => move.trigger.unitIds.map((id) => s.byId[id]?.callSign ?? null)),
  );
  const units = signs.filter((x): x is string => x !== null).join('、');
  if (move.trigger.kind === 'dispatch') {
    const incidents = numbers.filter((x): x is string => x !== null).join('、');
    return incidents ? t('moveUp.afterDispatch', { incidents }) : t('moveUp.afterDispatchUnknown');
  }
  return units ? t('moveUp.afterOutOfService', { units }) : t('moveUp.afterOutOfServiceUnknown');
}

function MoveUpRow({ move, canDecide }: { move: MoveUpDto; canDecide: boolean }) {
  const { t } = useTranslation();
  const gridName = useGridsStore(
    useShallow((s) =>
      [move.fromGridId, move.siteGridId].map((id) => (id ? (s.byId[id]?.name ?? null) : null)),
    ),
  );
  const trigger = useTriggerLabel(move);
  const [busy, setBusy] = useState(false);

  const decide = async (what: 'accept' | 'decline') => {
    setBusy(true);
    try {
      if (what === 'accept') {
        const { recommendation } = await api.acceptMoveUp(move.id);
        useMoveUpStore.getState().applyEvent(recommendation);
        useUiStore
          .getState()
          .notify({ level: 'info', key: 'moveUp.accepted', params: { unit: move.callSign } });
      } else {
        useMoveUpStore.getState().applyEvent(await api.declineMoveUp(move.id));
      }
    } catch (error) {
      notifyError(error);
      if (GONE.has(errorCode(error))) useMoveUpStore.getState().dismiss(move.id);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="move-up" data-testid="move-up" data-move-up-id={move.id}>
      <div className="move-up-main">
        <button
          type="button"
          className="link move-up-unit"
          title={t('moveUp.showOnMap')}
          onClick={() => useUiStore.getState().requestFlyTo([move.site[0], move.site[1]], 15)}
        >
          {move.callSign}
        </button>
        <span className="move-up-grids">
          {gridName[0] ?? t('moveUp.noGrid')} → {gridName[1] ?? t('moveUp.noGrid')}
        </span>
      </div>
      <div className="move-up-figures">
        <strong className="move-up-gain">{t('moveUp.gain', { points: points(move.gainShare5) })}</strong>
        <span className="muted" title={t('moveUp.gain3', { points: points(move.gainShare3) })}>
          {t('moveUp.travel', { minutes: etaMinutes(move.travelSeconds) })}
        </span>
      </div>
      <div className="move-up-why muted">{trigger}</div>
      {canDecide && (
        <div className="move-up-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void decide('accept')}>
            {t('moveUp.accept')}
          </button>
          <button type="button" className="ghost" disabled={busy} onClick={() => void decide('decline')}>
            {t('moveUp.decline')}
          </button>
        </div>
      )}
    </li>
  );
}

function Panel({ canDecide }: { canDecide: boolean }) {
  const { t } = useTranslation();
  const moves = useOfferedMoveUps();
  if (moves.length === 0) return null;
  return (
    <section className="panel move-up-panel" data-testid="move-up-panel" aria-live="polite">
      <div className="panel-header">
        <h2>
          {t('moveUp.title')} <span className="count">{moves.length}</span>
        </h2>
      </div>
      <ol className="move-up-list">
        {moves.map((move) => (
          <MoveUpRow key={move.id} move={move} canDecide={canDecide} />
        ))}
      </ol>
    </section>
  );
}

/**
 * Pending move-up recommendations after a dispatch (dispatcher and supervisor screens): the unit,
 * from grid to grid, the expected 5-minute coverage gain and the drive, with accept and decline
 * for those who may give standby orders. Hidden while there is nothing to decide.
 */
export function MoveUpPanel() {
  const role = useSessionStore((s) => s.user?.role);
  if (!role || !can(role, 'coverage.read')) return null;
  return <Panel canDecide={can(role, 'standby.order')} />;
}
