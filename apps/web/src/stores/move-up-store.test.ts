import { beforeEach, describe, expect, it } from 'vitest';
import { makeMoveUp } from '../test/move-up-fixtures.js';
import { T0, iso } from '../test/fixtures.js';
import { resetStores } from '../test/reset-stores.js';
import { offeredMoveUps, useMoveUpStore } from './move-up-store.js';

describe('move-up store', () => {
  beforeEach(() => resetStores());

  it('keeps a recommendation while pending and drops it once decided', () => {
    const store = useMoveUpStore.getState();
    store.applyEvent(makeMoveUp({ id: 'm1' }));
    store.applyEvent(makeMoveUp({ id: 'm2', unitId: 'u2' }));
    expect(Object.keys(useMoveUpStore.getState().byId).sort()).toEqual(['m1', 'm2']);
    store.applyEvent(makeMoveUp({ id: 'm1', status: 'accepted', decidedAt: iso(T0 + 1000) }));
    expect(Object.keys(useMoveUpStore.getState().byId)).toEqual(['m2']);
    store.dismiss('m2');
    expect(useMoveUpStore.getState().byId).toEqual({});
  });

  it('does not let a REST list asked for before a decision bring it back', () => {
    const store = useMoveUpStore.getState();
    store.applyEvent(makeMoveUp({ id: 'm1' }));
    const sinceSeq = useMoveUpStore.getState().seq;
    // While the list is in flight: m1 is declined, m3 recommended.
    store.applyEvent(makeMoveUp({ id: 'm1', status: 'declined' }));
    store.applyEvent(makeMoveUp({ id: 'm3', unitId: 'u3' }));
    store.applyPending([makeMoveUp({ id: 'm1' }), makeMoveUp({ id: 'm2', unitId: 'u2' })], sinceSeq);
    expect(Object.keys(useMoveUpStore.getState().byId).sort()).toEqual(['m2', 'm3']);
  });

  it('offers the ones not past their expiry whose unit is still free, oldest first', () => {
    const byId = {
      late: makeMoveUp({ id: 'late', createdAt: iso(T0 + 60_000) }),
      early: makeMoveUp({ id: 'early', createdAt: iso(T0) }),
      expired: makeMoveUp({ id: 'expired', expiresAt: iso(T0 + 1000) }),
      taken: makeMoveUp({ id: 'taken', unitId: 'busy' }),
    };
    const offered = offeredMoveUps(byId, T0 + 5000, (unitId) => unitId !== 'busy');
    expect(offered.map((m) => m.id)).toEqual(['early', 'late']);
  });
});
