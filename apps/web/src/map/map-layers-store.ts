/**
 * Which optional layers the situation map shows. Each screen sets its default when its map
 * mounts (coverage on for the wall and the supervisor, off for the dispatcher); the map's layer
 * toggle changes it from there.
 */
import { create } from 'zustand';

export interface MapLayersState {
  /** Grids shaded by live coverage (covered / thin / uncovered) instead of by staffing. */
  coverage: boolean;
  setCoverage: (visible: boolean) => void;
}

export const useMapLayersStore = create<MapLayersState>()((set) => ({
  coverage: false,
  setCoverage: (coverage) => set({ coverage }),
}));
