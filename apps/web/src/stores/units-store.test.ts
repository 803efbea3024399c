import { beforeEach, describe, expect, it } from 'vitest';
import { T0, iso, makeUnit } from '../test/fixtures.js';
import { resetStores } from '../test/reset-stores.js';
import { useUnitsStore } from './units-store.js';

const store = () => useUnitsStore.getState();

describe('units store', () => {
  beforeEach(() => resetStores());

  it('applies snapshot then versioned updates, ignoring stale ones', () => {
    store().applySnapshot([makeUnit({ id: 'u1', version: 2 }), makeUnit({ id: 'u2', version: 1 })]);
    store().upsertUnit(makeUnit({ id: 'u1', version: 3, status: 'en_route' }));
    store().upsertUnit(makeUnit({ id: 'u1', version: 1, status: 'off_duty' }));
    expect(store().byId.u1?.status).toBe('en_route');
    expect(store().positions.u1?.lngLat).toEqual([116.41, 39.91]);
  });

  it('applies a position batch in one state change and keeps unit records untouched', () => {
    store().applySnapshot([makeUnit({ id: 'u1' }), makeUnit({ id: 'u2' })]);
    const byId = store().byId;
    let changes = 0;
    const unsubscribe = useUnitsStore.subscribe(() => (changes += 1));
    store().applyPositions([
      { id: 'u1', lngLat: [116.5, 39.95], headingDeg: 90, speedMps: 10, at: iso(T0 + 1000) },
      { id: 'u2', lngLat: [116.6, 39.96], headingDeg: null, speedMps: null, at: iso(T0 + 1000) },
    ]);
    unsubscribe();
    expect(changes).toBe(1);
    expect(store().byId).toBe(byId);
    expect(store().positions.u1).toEqual({
      lngLat: [116.5, 39.95],
      headingDeg: 90,
      speedMps: 10,
      at: T0 + 1000,
    });
    expect(store().positions.u2?.lngLat).toEqual([116.6, 39.96]);
  });

  it('ignores a fix older than the one held', () => {
    store().applyPositions([
      { id: 'u1', lngLat: [1, 1], headingDeg: null, speedMps: null, at: iso(T0 + 2000) },
    ]);
    const held = store().positions;
    store().applyPositions([
      { id: 'u1', lngLat: [2, 2], headingDeg: null, speedMps: null, at: iso(T0 + 1000) },
    ]);
    expect(store().positions).toBe(held);
    expect(store().positions.u1?.lngLat).toEqual([1, 1]);
  });

  it('does not let a unit DTO with an older position overwrite a newer batch fix', () => {
    store().applyPositions([
      { id: 'u1', lngLat: [3, 3], headingDeg: null, speedMps: null, at: iso(T0 + 5000) },
    ]);
    store().upsertUnit(makeUnit({ id: 'u1', version: 2 }));
    expect(store().positions.u1?.lngLat).toEqual([3, 3]);
    expect(store().byId.u1?.version).toBe(2);
  });
});
