import { beforeEach, describe, expect, it } from 'vitest';
import { useUiStore } from './ui-store.js';

describe('map requests', () => {
  beforeEach(() => useUiStore.setState({ flyTo: null }));

  it('fits the unit and its destination together; one point alone is flown to', () => {
    useUiStore.getState().requestFitPoints([
      [120.1, 30.3],
      [120.14, 30.25],
    ]);
    expect(useUiStore.getState().flyTo).toMatchObject({
      bounds: [
        [120.1, 30.25],
        [120.14, 30.3],
      ],
      seq: 1,
    });
    useUiStore.getState().requestFitPoints([[120.2, 30.2]]);
    expect(useUiStore.getState().flyTo).toMatchObject({ lngLat: [120.2, 30.2], zoom: 15, seq: 2 });
    useUiStore.getState().requestFitPoints([]);
    expect(useUiStore.getState().flyTo?.seq).toBe(2);
  });
});
