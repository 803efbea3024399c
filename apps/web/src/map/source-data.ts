/** Current GeoJSON of each map source, read from the stores at draw time. */
import { isUnitDispatchable, type UnitStatus } from '@dispatch/domain';
import { useClockStore } from '../stores/clock-store.js';
import { useCoverageStore } from '../stores/coverage-store.js';
import { useGridsStore } from '../stores/grids-store.js';
import { useHotspotStore } from '../stores/hotspot-store.js';
import { useIncidentsStore } from '../stores/incidents-store.js';
import { useIntakeStore } from '../stores/intake-store.js';
import { useMapDataStore } from '../stores/map-data-store.js';
import { offeredMoveUps, useMoveUpStore } from '../stores/move-up-store.js';
import { useStandbyPointsStore } from '../stores/standby-points-store.js';
import { useStandbyStore } from '../stores/standby-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useUnitsStore } from '../stores/units-store.js';
import {
  buildGridFeatures,
  buildIncidentFeatures,
  buildMoveUpFeatures,
  buildRouteFeatures,
  buildUnitFeatures,
  pointCollection,
} from '../lib/map-features.js';
import { buildHotspotFeatures, buildStandbyPointFeatures } from '../lib/cover-features.js';
import type { UnitAnimator } from '../lib/unit-animator.js';
import { useMapLayersStore } from './map-layers-store.js';
import type { SourceKey } from './store-bindings.js';
import type { FeatureCollection, GeoJSON as GeoJSONData } from '../lib/geojson.js';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** A unit the console has not heard of yet counts as free (the server said it was). */
const isFree = (status: UnitStatus | undefined) => status === undefined || isUnitDispatchable(status);

export function sourceData(key: SourceKey, animator: UnitAnimator, frameTime: number): GeoJSONData {
  switch (key) {
    case 'roads':
      return useMapDataStore.getState().roads ?? EMPTY;
    case 'river':
      return useMapDataStore.getState().river ?? EMPTY;
    case 'posts':
      return {
        type: 'FeatureCollection',
        features: useMapDataStore.getState().posts.map((p) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [p.lngLat[0], p.lngLat[1]] },
          properties: { id: p.id, kind: p.kind },
        })),
      };
    case 'grids':
      return buildGridFeatures(
        Object.values(useGridsStore.getState().byId),
        useCoverageStore.getState().byGrid,
      );
    case 'routes':
      return buildRouteFeatures(Object.values(useUiStore.getState().routes));
    case 'draft': {
      const intake = useIntakeStore.getState();
      return pointCollection(intake.active ? intake.lngLat : null);
    }
    case 'incidents': {
      const { now, targets } = useClockStore.getState();
      return buildIncidentFeatures(
        Object.values(useIncidentsStore.getState().byId),
        now,
        targets,
        useUiStore.getState().selectedIncidentId,
      );
    }
    case 'moveUps': {
      const units = useUnitsStore.getState().byId;
      return buildMoveUpFeatures(
        offeredMoveUps(useMoveUpStore.getState().byId, useClockStore.getState().now, (id) =>
          isFree(units[id]?.status),
        ),
      );
    }
    case 'hotspots':
      return useMapLayersStore.getState().hotspots
        ? buildHotspotFeatures(useHotspotStore.getState().map)
        : EMPTY;
    case 'standbyPoints': {
      const plan = useStandbyPointsStore.getState().plan;
      if (!plan || !useMapLayersStore.getState().standbyPoints) return EMPTY;
      return buildStandbyPointFeatures(plan.units, useStandbyStore.getState().byUnit);
    }
    case 'units': {
      const intake = useIntakeStore.getState();
      const candidateIds = new Set(intake.active ? intake.selectedUnitIds : []);
      return buildUnitFeatures(useUnitsStore.getState().byId, (id) => animator.sample(id, frameTime), {
        selectedId: useUiStore.getState().selectedUnitId,
        candidateIds,
      });
    }
  }
}
