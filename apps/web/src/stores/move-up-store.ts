/**
 * Pending move-up recommendations, fed by the socket stream (`move-up:recommended` / `decided`) and
 * the REST list (after sign-in and after a reconnect that lost events).
 */
import type { MoveUpDto } from '@dispatch/contracts';
import { create } from 'zustand';

/** One move-up event as it arrived over the socket, numbered in arrival order. */
export interface MoveUpChange {
  seq: number;
  move: MoveUpDto;
}

/** How many events are kept to replay over a REST list that was in flight meanwhile. */
const LOG_SIZE = 100;

export interface MoveUpState {
  /** Pending recommendations by id. */
  byId: Record<string, MoveUpDto>;
  /** Number of the last event taken (see `applyPending`). */
  seq: number;
  log: readonly MoveUpChange[];
  /** A recommendation was made, or one was decided or expired: kept while pending, dropped after. */
  applyEvent: (move: MoveUpDto) => void;
  /**
   * Replaces the pending list with a REST answer, then replays the events taken after `sinceSeq`
   * (read when the request was sent), so a decision made while it was in flight is not undone.
   */
  applyPending: (moves: readonly MoveUpDto[], sinceSeq?: number) => void;
  /** Drops one this console learnt is no longer offered (a 409 on accept or decline). */
  dismiss: (id: string) => void;
}

function merged(
  byId: Readonly<Record<string, MoveUpDto>>,
  move: MoveUpDto,
): Readonly<Record<string, MoveUpDto>> {
  if (move.status === 'pending') return { ...byId, [move.id]: move };
  if (!byId[move.id]) return byId;
  const { [move.id]: _decided, ...rest } = byId;
  return rest;
}

export const useMoveUpStore = create<MoveUpState>()((set, get) => ({
  byId: {},
  seq: 0,
  log: [],
  applyEvent: (move) =>
    set((s) => {
      const seq = s.seq + 1;
      return {
        byId: merged(s.byId, move) as Record<string, MoveUpDto>,
        seq,
        log: [...s.log, { seq, move }].slice(-LOG_SIZE),
      };
    }),
  applyPending: (moves, sinceSeq = get().seq) => {
    let byId: Readonly<Record<string, MoveUpDto>> = Object.fromEntries(
      moves.filter((m) => m.status === 'pending').map((m) => [m.id, m]),
    );
    for (const change of get().log) if (change.seq > sinceSeq) byId = merged(byId, change.move);
    set({ byId: byId as Record<string, MoveUpDto> });
  },
  dismiss: (id) =>
    set((s) => {
      if (!s.byId[id]) return s;
      const { [id]: _gone, ...rest } = s.byId;
      return { byId: rest };
    }),
}));

/**
 * The recommendations still worth showing at `now`: pending, not past their expiry, and whose unit
 * is still free as far as this console knows (`isFree`); oldest first, the larger gain first.
 */
export function offeredMoveUps(
  byId: Readonly<Record<string, MoveUpDto>>,
  now: number,
  isFree: (unitId: string) => boolean = () => true,
): MoveUpDto[] {
  return Object.values(byId)
    .filter((m) => Date.parse(m.expiresAt) > now && isFree(m.unitId))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || b.gainShare5 - a.gainShare5);
}
