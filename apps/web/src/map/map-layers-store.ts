/**
 * Which optional layers the situation map shows. Each screen sets its default when its map
 * mounts (coverage on for the wall and the supervisor, off for the dispatcher); the map's layer
 * toggle changes it from there.
 */
import { create } from 'zustand';

export interface MapLayersState {
  /** Grids shaded by live coverage (covered / thin / uncovered) instead of by staffing. */
  coverage: boolean;
  /** The heat map of expected incidents (hot spots) for the period of its time slider. */
  hotspots: boolean;
  /** Recommended standby points and the line from each unit to its point (the supervisor's). */
  standbyPoints: boolean;
  setCoverage: (visible: boolean) => void;
  setHotspots: (visible: boolean) => void;
  setStandbyPoints: (visible: boolean) => void;
}

export const useMapLayersStore = create<MapLayersState>()((set) => ({
  coverage: false,
  hotspots: false,
  standbyPoints: true,
  setCoverage: (coverage) => set({ coverage }),
  setHotspots: (hotspots) => set({ hotspots }),
  setStandbyPoints: (standbyPoints) => set({ standbyPoints }),
}));
