/** Active standby orders by unit, fed by the socket stream (the wall, the grid board and the unit's terminal). */
import type { StandbyOrderDto, StandbyUpdatedEvent } from '@dispatch/contracts';
import { create } from 'zustand';

interface StandbyState {
  byUnit: Record<string, StandbyOrderDto>;
  applyUpdate: (update: StandbyUpdatedEvent) => void;
  applyOrders: (orders: readonly StandbyOrderDto[]) => void;
}

export const useStandbyStore = create<StandbyState>((set) => ({
  byUnit: {},
  applyUpdate: ({ unitId, order }) =>
    set((s) => {
      if (order) return { byUnit: { ...s.byUnit, [unitId]: order } };
      const { [unitId]: _ended, ...rest } = s.byUnit;
      return { byUnit: rest };
    }),
  applyOrders: (orders) =>
    set({
      byUnit: Object.fromEntries(orders.filter((o) => o.status === 'active').map((o) => [o.unitId, o])),
    }),
}));
