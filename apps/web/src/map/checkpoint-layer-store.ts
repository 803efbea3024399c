/**
 * The checkpoint ring drawn on the situation map: the proposal being previewed, or the one just
 * sent. One small store so the panel that computes it and the map that draws it stay apart.
 */
import type { CheckpointDto } from '@dispatch/contracts';
import { create } from 'zustand';

export interface CheckpointLayerState {
  incidentId: string | null;
  origin: [number, number] | null;
  checkpoints: readonly CheckpointDto[];
  show: (incidentId: string, origin: [number, number], checkpoints: readonly CheckpointDto[]) => void;
  /** Clears the layer (only if it still shows `incidentId`, when given). */
  clear: (incidentId?: string) => void;
}

export const useCheckpointLayerStore = create<CheckpointLayerState>((set, get) => ({
  incidentId: null,
  origin: null,
  checkpoints: [],
  show: (incidentId, origin, checkpoints) => set({ incidentId, origin, checkpoints }),
  clear: (incidentId) => {
    if (incidentId !== undefined && get().incidentId !== incidentId) return;
    set({ incidentId: null, origin: null, checkpoints: [] });
  },
}));
