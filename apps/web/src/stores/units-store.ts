import type { UnitDto, UnitPositionsEvent } from '@dispatch/contracts';
import { create } from 'zustand';
import { isNewer, mergeSnapshot } from '../lib/versioned.js';

/** A unit's last known fix; `at` in epoch ms. */
export interface TrackedPosition {
  lngLat: [number, number];
  headingDeg: number | null;
  speedMps: number | null;
  at: number;
}

export type PositionUpdate = UnitPositionsEvent['positions'][number];

export interface UnitsState {
  /** Units by id. Their `position` field is not kept current: read `positions` instead. */
  byId: Record<string, UnitDto>;
  /**
   * Positions live apart from the units so that a 1 Hz position batch re-renders only what
   * draws positions (the map), not every list of units.
   */
  positions: Record<string, TrackedPosition>;
  applySnapshot: (units: readonly UnitDto[]) => void;
  upsertUnits: (units: readonly UnitDto[]) => void;
  upsertUnit: (unit: UnitDto) => void;
  /** Applies one batch of moved units in a single state change; older fixes are ignored. */
  applyPositions: (batch: readonly PositionUpdate[]) => void;
}

function toTracked(p: {
  lngLat: [number, number];
  headingDeg: number | null;
  speedMps: number | null;
  at: string;
}) {
  return { lngLat: p.lngLat, headingDeg: p.headingDeg, speedMps: p.speedMps, at: Date.parse(p.at) };
}

/** Copies positions carried by unit DTOs into `positions` when they are newer. */
function withDtoPositions(
  positions: Record<string, TrackedPosition>,
  units: readonly UnitDto[],
): Record<string, TrackedPosition> {
  let next: Record<string, TrackedPosition> | null = null;
  for (const unit of units) {
    if (!unit.position) continue;
    const tracked = toTracked(unit.position);
    const held = (next ?? positions)[unit.id];
    if (held && held.at >= tracked.at) continue;
    next ??= { ...positions };
    next[unit.id] = tracked;
  }
  return next ?? positions;
}

export const useUnitsStore = create<UnitsState>()((set, get) => ({
  byId: {},
  positions: {},
  applySnapshot: (units) =>
    set((state) => ({
      byId: mergeSnapshot(state.byId, units),
      positions: withDtoPositions(state.positions, units),
    })),
  upsertUnits: (units) => {
    const state = get();
    let byId: Record<string, UnitDto> | null = null;
    for (const unit of units) {
      if (!isNewer(unit, (byId ?? state.byId)[unit.id])) continue;
      byId ??= { ...state.byId };
      byId[unit.id] = unit;
    }
    const positions = withDtoPositions(state.positions, units);
    if (byId || positions !== state.positions) set({ byId: byId ?? state.byId, positions });
  },
  upsertUnit: (unit) => get().upsertUnits([unit]),
  applyPositions: (batch) => {
    if (batch.length === 0) return;
    const current = get().positions;
    const next = { ...current };
    let changed = false;
    for (const p of batch) {
      const at = Date.parse(p.at);
      const held = current[p.id];
      if (held && held.at > at) continue;
      next[p.id] = { lngLat: p.lngLat, headingDeg: p.headingDeg, speedMps: p.speedMps, at };
      changed = true;
    }
    if (changed) set({ positions: next });
  },
}));
