import { afterEach, describe, expect, it, vi } from 'vitest';
import { useCoverageStore } from '../stores/coverage-store.js';
import { useHotspotStore } from '../stores/hotspot-store.js';
import { useStandbyPointsStore } from '../stores/standby-points-store.js';
import { useStandbyStore } from '../stores/standby-store.js';
import {
  makeHotspotMap,
  makeRecommendation,
  makeStandbyOrder,
  makeStandbyPlan,
} from '../test/cover-fixtures.js';
import { useMoveUpStore } from '../stores/move-up-store.js';
import { useUnitsStore } from '../stores/units-store.js';
import { makeCoverage, makeGridCoverage } from '../test/coverage-fixtures.js';
import { T0, iso, makeUnit } from '../test/fixtures.js';
import { makeMoveUp } from '../test/move-up-fixtures.js';
import { resetStores } from '../test/reset-stores.js';
import { useMapLayersStore } from './map-layers-store.js';
import { sourceData } from './source-data.js';
import { bindStores } from './store-bindings.js';
import { UnitAnimator } from '../lib/unit-animator.js';

describe('map store bindings for coverage', () => {
  afterEach(() => resetStores());

  it('redraws the grids only when a grid changes coverage level, and follows the layer toggle', () => {
    const target = {
      markDirty: vi.fn(),
      onPositions: vi.fn(),
      onFlyTo: vi.fn(),
      onGridsFirstSeen: vi.fn(),
      onCoverageLayer: vi.fn(),
    };
    const unbind = bindStores(target);
    const apply = (level: 'covered' | 'thin', share3: number, at: number) =>
      useCoverageStore
        .getState()
        .applyCoverage(makeCoverage([makeGridCoverage({ level, demandShare3: share3 })], iso(at)));

    apply('covered', 0.9, T0);
    expect(target.markDirty).toHaveBeenLastCalledWith('grids');
    target.markDirty.mockClear();
    apply('covered', 0.85, T0 + 1000); // figures move, the level holds: nothing to redraw
    expect(target.markDirty).not.toHaveBeenCalled();
    apply('thin', 0.6, T0 + 2000);
    expect(target.markDirty).toHaveBeenCalledWith('grids');

    useMapLayersStore.getState().setCoverage(true);
    expect(target.onCoverageLayer).toHaveBeenCalledWith(true);
    unbind();
  });

  it('redraws the move-ups when one is recommended or decided, and hides one whose unit left', () => {
    resetStores(T0);
    const target = {
      markDirty: vi.fn(),
      onPositions: vi.fn(),
      onFlyTo: vi.fn(),
      onGridsFirstSeen: vi.fn(),
      onCoverageLayer: vi.fn(),
    };
    const unbind = bindStores(target);
    useMoveUpStore.getState().applyEvent(makeMoveUp());
    expect(target.markDirty).toHaveBeenLastCalledWith('moveUps');
    const drawn = () => {
      const data = sourceData('moveUps', new UnitAnimator(0), 0);
      return data.type === 'FeatureCollection' ? data.features.map((f) => f.properties?.kind) : [];
    };
    expect(drawn()).toEqual(['move', 'site']);
    useUnitsStore.getState().upsertUnit(makeUnit({ status: 'assigned', version: 5 }));
    expect(target.markDirty).toHaveBeenLastCalledWith('units', 'moveUps');
    expect(drawn()).toEqual([]);
    unbind();
  });

  it('redraws the cover layers from their stores, and when a toggle empties or fills them', () => {
    const target = {
      markDirty: vi.fn(),
      onPositions: vi.fn(),
      onFlyTo: vi.fn(),
      onGridsFirstSeen: vi.fn(),
      onCoverageLayer: vi.fn(),
    };
    const unbind = bindStores(target);
    useHotspotStore.getState().applyMap('now', makeHotspotMap([1]));
    expect(target.markDirty).toHaveBeenLastCalledWith('hotspots');
    useMapLayersStore.getState().setHotspots(true);
    expect(target.markDirty).toHaveBeenLastCalledWith('hotspots');
    target.markDirty.mockClear();
    // An order before any plan is shown draws nothing new.
    useStandbyStore.getState().applyUpdate({ unitId: 'u1', order: makeStandbyOrder(), ended: null });
    expect(target.markDirty).not.toHaveBeenCalled();
    useStandbyPointsStore.getState().applyPlan('now', makeStandbyPlan([makeRecommendation()]));
    expect(target.markDirty).toHaveBeenLastCalledWith('standbyPoints');
    target.markDirty.mockClear();
    useStandbyStore.getState().applyUpdate({ unitId: 'u1', order: null, ended: makeStandbyOrder() });
    expect(target.markDirty).toHaveBeenCalledWith('standbyPoints');
    useMapLayersStore.getState().setStandbyPoints(false);
    expect(target.markDirty).toHaveBeenLastCalledWith('standbyPoints');
    unbind();
  });
});
