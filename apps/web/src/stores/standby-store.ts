/** Active standby orders by unit, fed by the socket stream (the wall, the grid board and the unit's terminal). */
import type { StandbyOrderDto, StandbyUpdatedEvent } from '@dispatch/contracts';
import { create } from 'zustand';

interface StandbyState {
  byUnit: Record<string, StandbyOrderDto>;
  /** Socket updates seen per unit, so a REST reply asked for before one never undoes it. */
  updates: Record<string, number>;
  applyUpdate: (update: StandbyUpdatedEvent) => void;
  applyOrders: (orders: readonly StandbyOrderDto[]) => void;
  /** A unit's order read over REST; `updatesAtAsk` is `updates[unitId]` when it was asked for. */
  applyFetched: (unitId: string, order: StandbyOrderDto | null, updatesAtAsk: number) => void;
}

const without = (byUnit: Record<string, StandbyOrderDto>, unitId: string) => {
  const { [unitId]: _gone, ...rest } = byUnit;
  return rest;
};

export const useStandbyStore = create<StandbyState>((set) => ({
  byUnit: {},
  updates: {},
  applyUpdate: ({ unitId, order }) =>
    set((s) => ({
      byUnit: order ? { ...s.byUnit, [unitId]: order } : without(s.byUnit, unitId),
      updates: { ...s.updates, [unitId]: (s.updates[unitId] ?? 0) + 1 },
    })),
  applyFetched: (unitId, order, updatesAtAsk) =>
    set((s) => {
      if ((s.updates[unitId] ?? 0) !== updatesAtAsk) return s;
      return { byUnit: order ? { ...s.byUnit, [unitId]: order } : without(s.byUnit, unitId) };
    }),
  applyOrders: (orders) =>
    set({
      byUnit: Object.fromEntries(orders.filter((o) => o.status === 'active').map((o) => [o.unitId, o])),
    }),
}));
