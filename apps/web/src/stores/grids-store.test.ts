import { beforeEach, describe, expect, it } from 'vitest';
import { makeGrid } from '../test/fixtures.js';
import { resetStores } from '../test/reset-stores.js';
import { useGridsStore } from './grids-store.js';

describe('grids store', () => {
  beforeEach(() => resetStores());

  it('replaces staffing with newer grid events only', () => {
    const store = useGridsStore.getState;
    store().applySnapshot([makeGrid({ version: 1 })]);
    const understaffed = makeGrid({
      version: 2,
      staffing: { status: 'understaffed', present: {}, available: {}, shortfall: { patrol_car: 1 } },
    });
    store().upsertGrid(understaffed);
    store().upsertGrid(makeGrid({ version: 1 }));
    expect(store().byId.g1?.staffing.status).toBe('understaffed');
  });
});
