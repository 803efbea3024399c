import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeAssignment, makeIncident } from '../test/fixtures.js';
import { resetStores } from '../test/reset-stores.js';
import { useIncidentsStore } from './incidents-store.js';

const store = () => useIncidentsStore.getState();

describe('incidents store', () => {
  beforeEach(() => resetStores());

  it('takes a snapshot, then newer updates, and ignores older versions', () => {
    store().applySnapshot([makeIncident({ id: 'i1', version: 3, status: 'received' })]);
    store().upsertIncident(makeIncident({ id: 'i1', version: 4, status: 'dispatched' }));
    expect(store().byId.i1?.status).toBe('dispatched');

    store().upsertIncident(makeIncident({ id: 'i1', version: 2, status: 'received' }));
    expect(store().byId.i1?.status).toBe('dispatched');
    expect(store().byId.i1?.version).toBe(4);
  });

  it('keeps state identity when an update changes nothing', () => {
    store().upsertIncident(makeIncident({ version: 2 }));
    const before = store().byId;
    store().upsertIncident(makeIncident({ version: 2 }));
    store().upsertIncident(makeIncident({ version: 1 }));
    expect(store().byId).toBe(before);
  });

  it('lets an event that overtook the snapshot win, and drops incidents the snapshot no longer has', () => {
    store().upsertIncident(makeIncident({ id: 'i1', version: 5, status: 'on_scene' }));
    store().upsertIncident(makeIncident({ id: 'gone', version: 1 }));
    store().applySnapshot([
      makeIncident({ id: 'i1', version: 4, status: 'en_route' }),
      makeIncident({ id: 'i2' }),
    ]);
    expect(store().byId.i1?.status).toBe('on_scene');
    expect(store().byId.gone).toBeUndefined();
    expect(Object.keys(store().byId).sort()).toEqual(['i1', 'i2']);
  });

  it('merges assignment events into their incident by assignment version', () => {
    store().upsertIncident(makeIncident({ id: 'i1' }));
    store().upsertAssignment(makeAssignment({ id: 'a1', incidentId: 'i1', status: 'assigned', version: 1 }));
    store().upsertAssignment(makeAssignment({ id: 'a1', incidentId: 'i1', status: 'en_route', version: 3 }));
    store().upsertAssignment(makeAssignment({ id: 'a1', incidentId: 'i1', status: 'accepted', version: 2 }));
    expect(store().byId.i1?.assignments.map((a) => a.status)).toEqual(['en_route']);
  });

  it('does not lose an assignment when an older incident payload arrives without it', () => {
    store().upsertIncident(makeIncident({ id: 'i1', version: 1 }));
    store().upsertAssignment(makeAssignment({ id: 'a1', incidentId: 'i1', version: 1 }));
    // incident:updated carrying version 2 but built before the assignment existed
    store().upsertIncident(makeIncident({ id: 'i1', version: 2, status: 'dispatched', assignments: [] }));
    expect(store().byId.i1?.status).toBe('dispatched');
    expect(store().byId.i1?.assignments.map((a) => a.id)).toEqual(['a1']);
  });

  it('takes the newer assignment from an incident payload even at the same incident version', () => {
    store().upsertIncident(makeIncident({ version: 2, assignments: [makeAssignment({ version: 1 })] }));
    store().upsertIncident(
      makeIncident({ version: 2, assignments: [makeAssignment({ version: 2, status: 'on_scene' })] }),
    );
    expect(store().byId.i1?.assignments[0]?.status).toBe('on_scene');
  });

  it('ignores an assignment of an unknown incident', () => {
    store().upsertAssignment(makeAssignment({ incidentId: 'nope' }));
    expect(store().byId).toEqual({});
  });

  it('ends at the highest version whatever order the events arrive in', () => {
    const versions = fc.uniqueArray(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(versions, (vs) => {
        resetStores();
        for (const v of vs) store().upsertIncident(makeIncident({ version: v, description: `v${v}` }));
        const max = Math.max(...vs);
        expect(store().byId.i1?.version).toBe(max);
        expect(store().byId.i1?.description).toBe(`v${max}`);
      }),
    );
  });
});
