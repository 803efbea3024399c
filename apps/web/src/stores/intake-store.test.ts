import { beforeEach, describe, expect, it } from 'vitest';
import { makeRecommendations } from '../test/fixtures.js';
import { resetStores } from '../test/reset-stores.js';
import { useIntakeStore } from './intake-store.js';

const store = () => useIntakeStore.getState();

describe('intake store', () => {
  beforeEach(() => resetStores());

  it('offers the default priority of a type until the dispatcher picks one', () => {
    store().start(1000);
    store().setType('knife_attack');
    expect(store().priority).toBe(1);
    store().setType('noise');
    expect(store().priority).toBe(4);
    store().setPriority(2);
    store().setType('knife_attack');
    expect(store().priority).toBe(2);
  });

  it('preselects the tier-1 units of the plan and toggles by index', () => {
    store().start(1000);
    store().setRecommendations(makeRecommendations());
    expect(store().selectedUnitIds).toEqual(['u1']);
    store().toggleCandidateAt(1);
    store().toggleCandidateAt(0);
    expect(store().selectedUnitIds).toEqual(['u2']);
    store().toggleCandidateAt(7);
    expect(store().selectedUnitIds).toEqual(['u2']);
  });
});
