/**
 * Which store changes make which map source stale. Kept apart from the map class so the
 * wiring reads in one place; every listener only marks sources dirty, the map class redraws
 * at most once per animation frame.
 */
import type { GridCoverageDto } from '@dispatch/contracts';
import { useClockStore } from '../stores/clock-store.js';
import { useCoverageStore } from '../stores/coverage-store.js';
import { useGridsStore } from '../stores/grids-store.js';
import { useHotspotStore } from '../stores/hotspot-store.js';
import { useIncidentsStore } from '../stores/incidents-store.js';
import { useIntakeStore } from '../stores/intake-store.js';
import { useMapDataStore } from '../stores/map-data-store.js';
import { useMoveUpStore } from '../stores/move-up-store.js';
import { useStandbyPointsStore } from '../stores/standby-points-store.js';
import { useStandbyStore } from '../stores/standby-store.js';
import { useUiStore, type FlyToRequest } from '../stores/ui-store.js';
import { useUnitsStore, type TrackedPosition } from '../stores/units-store.js';
import { useMapLayersStore } from './map-layers-store.js';
import type { SOURCES } from './overlay-layers.js';

export type SourceKey = keyof typeof SOURCES;

export interface BindingTarget {
  markDirty: (...keys: SourceKey[]) => void;
  onPositions: (positions: Readonly<Record<string, TrackedPosition>>) => void;
  onFlyTo: (request: FlyToRequest) => void;
  onGridsFirstSeen: () => void;
  onCoverageLayer: (visible: boolean) => void;
}

/**
 * Whether any grid changed coverage level: coverage arrives about once a second while units
 * move, but the map only draws the level, so the grid polygons are re-sent only when one flips.
 */
export function coverageLevelsChanged(
  prev: Readonly<Record<string, GridCoverageDto>>,
  next: Readonly<Record<string, GridCoverageDto>>,
): boolean {
  if (prev === next) return false;
  const ids = Object.keys(next);
  if (ids.length !== Object.keys(prev).length) return true;
  return ids.some((id) => prev[id]?.level !== next[id]?.level);
}

/** Subscribes the map to every store it draws; returns the unsubscribe function. */
export function bindStores(target: BindingTarget): () => void {
  const unsubscribers = [
    useUnitsStore.subscribe((state, prev) => {
      if (state.positions !== prev.positions) target.onPositions(state.positions);
      // A unit dispatched hides its move-up at once.
      if (state.byId !== prev.byId) target.markDirty('units', 'moveUps');
    }),
    useMoveUpStore.subscribe((state, prev) => {
      if (state.byId !== prev.byId) target.markDirty('moveUps');
    }),
    useIncidentsStore.subscribe((state, prev) => {
      if (state.byId !== prev.byId) target.markDirty('incidents');
    }),
    useClockStore.subscribe((state, prev) => {
      // Warnings (and the pulse) change with time alone.
      if (state.now !== prev.now || state.targets !== prev.targets) target.markDirty('incidents');
    }),
    useGridsStore.subscribe((state, prev) => {
      if (state.byId === prev.byId) return;
      target.markDirty('grids');
      if (Object.keys(prev.byId).length === 0) target.onGridsFirstSeen();
    }),
    useCoverageStore.subscribe((state, prev) => {
      if (coverageLevelsChanged(prev.byGrid, state.byGrid)) target.markDirty('grids');
    }),
    useMapLayersStore.subscribe((state, prev) => {
      if (state.coverage !== prev.coverage) target.onCoverageLayer(state.coverage);
      // The cover layers are drawn from data: off is an empty source.
      if (state.hotspots !== prev.hotspots) target.markDirty('hotspots');
      if (state.standbyPoints !== prev.standbyPoints) target.markDirty('standbyPoints');
    }),
    useHotspotStore.subscribe((state, prev) => {
      if (state.map !== prev.map) target.markDirty('hotspots');
    }),
    useStandbyPointsStore.subscribe((state, prev) => {
      if (state.plan !== prev.plan) target.markDirty('standbyPoints');
    }),
    useStandbyStore.subscribe((state, prev) => {
      // A point the supervisor sent a unit to shows as ordered.
      if (state.byUnit !== prev.byUnit && useStandbyPointsStore.getState().plan)
        target.markDirty('standbyPoints');
    }),
    useMapDataStore.subscribe((state, prev) => {
      if (state.roads !== prev.roads) target.markDirty('roads');
      if (state.river !== prev.river) target.markDirty('river');
      if (state.posts !== prev.posts) target.markDirty('posts');
    }),
    useIntakeStore.subscribe((state, prev) => {
      if (state.lngLat !== prev.lngLat || state.active !== prev.active) target.markDirty('draft');
      if (state.recommendations !== prev.recommendations || state.selectedUnitIds !== prev.selectedUnitIds) {
        target.markDirty('units');
      }
    }),
    useUiStore.subscribe((state, prev) => {
      if (state.routes !== prev.routes) target.markDirty('routes');
      if (state.selectedIncidentId !== prev.selectedIncidentId) target.markDirty('incidents');
      if (state.selectedUnitId !== prev.selectedUnitId) target.markDirty('units');
      if (state.flyTo && state.flyTo !== prev.flyTo) target.onFlyTo(state.flyTo);
    }),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
