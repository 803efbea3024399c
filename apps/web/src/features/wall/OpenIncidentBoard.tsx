import type { IncidentDto } from '@dispatch/contracts';
import { CLOCK_NAMES, type ClockTargets } from '@dispatch/domain';
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ClockBadge } from '../../components/ClockBadge.js';
import { PriorityBadge } from '../../components/PriorityBadge.js';
import { incidentClocks, worstWarning } from '../../lib/incident-clocks.js';
import { queueOf } from '../../lib/incident-queue.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';

/** At most this many rows are drawn; fewer when the screen holds fewer (see useRowsThatFit). */
const MAX_ROWS = 60;
const WARNING_ORDER = { red: 0, amber: 1, ok: 2 } as const;

/** Breached incidents first (the wall exists to show them), then the queue order. */
export function wallOrder(incidents: IncidentDto[], now: number, targets: ClockTargets) {
  return queueOf(incidents)
    .map((incident) => ({ incident, clocks: incidentClocks(incident, now, targets) }))
    .map((row) => ({ ...row, warning: worstWarning(row.clocks) }))
    .sort((a, b) => WARNING_ORDER[a.warning] - WARNING_ORDER[b.warning]);
}

/**
 * How many of the list's rows are wholly inside the board: a 4K wall shows more than a 1080p one,
 * and the rest is counted, never hidden silently. Measured after each render and on resize.
 */
function useRowsThatFit(
  board: RefObject<HTMLElement | null>,
  list: RefObject<HTMLOListElement | null>,
  total: number,
) {
  const [fit, setFit] = useState(total);
  const latest = useRef<() => void>(() => undefined);
  // After every render (rows come and go, clocks change their height)...
  useLayoutEffect(() => {
    const measure = () => {
      const b = board.current;
      const l = list.current;
      if (!b || !l) return;
      const box = b.getBoundingClientRect();
      // Not laid out (hidden, or no layout engine): nothing to measure, show them all.
      if (box.height === 0) return setFit((was) => (was === total ? was : total));
      // Room for the "另有 N 起" line below the rows.
      const bottom = box.bottom - parseFloat(getComputedStyle(b).fontSize) * 2.2;
      let n = 0;
      for (const row of Array.from(l.children)) {
        if (row.getBoundingClientRect().bottom > bottom) break;
        n++;
      }
      setFit((was) => (was === n ? was : n));
    };
    latest.current = measure;
    measure();
  });
  // ...and when the board is resized: one observer for the board's life, not one per render.
  useEffect(() => {
    if (typeof ResizeObserver === 'undefined' || !board.current) return;
    const observer = new ResizeObserver(() => latest.current());
    observer.observe(board.current);
    return () => observer.disconnect();
  }, [board]);
  return Math.min(fit, total);
}

/** Every open incident with its three 1-3-5 clocks; a breach turns its row red. */
export function OpenIncidentBoard() {
  const { t } = useTranslation();
  const incidents = useIncidentsStore(useShallow((s) => Object.values(s.byId)));
  const now = useClockStore((s) => s.now);
  const targets = useClockStore((s) => s.targets);
  const rows = wallOrder(incidents, now, targets);
  const boardRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const drawn = rows.slice(0, MAX_ROWS);
  const shown = useRowsThatFit(boardRef, listRef, drawn.length);
  return (
    <section className="wall-board" data-testid="wall-board" ref={boardRef}>
      <h2>
        {t('wall.openIncidents')} <span className="count">{rows.length}</span>
      </h2>
      <ol ref={listRef}>
        {drawn.map(({ incident, clocks, warning }, i) => (
          <li
            key={incident.id}
            className={`wall-board-row warning-${warning}`}
            data-testid="wall-board-row"
            data-number={incident.number}
            data-warning={warning}
            // Rows past the board's bottom are laid out (to be measured) but not shown.
            style={i < shown ? undefined : { visibility: 'hidden' }}
            aria-hidden={i < shown ? undefined : true}
          >
            <span className="wall-board-head">
              <PriorityBadge priority={incident.priority} />
              <strong>{t(`incidentType.${incident.type}`)}</strong>
              <span className={`incident-status status-${incident.status}`}>
                {t(`incidentStatus.${incident.status}`)}
              </span>
            </span>
            <span className="wall-board-address">{incident.address || incident.number}</span>
            <span className="clocks">
              {CLOCK_NAMES.map((name) => (
                <ClockBadge key={name} clock={clocks[name]} />
              ))}
            </span>
          </li>
        ))}
      </ol>
      {rows.length > shown && (
        <p className="muted wall-more" data-testid="wall-more">
          {t('wall.more', { count: rows.length - shown })}
        </p>
      )}
    </section>
  );
}
