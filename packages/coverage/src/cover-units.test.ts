import { describe, expect, it } from 'vitest';
import { inStationArea, stationZonesOf } from './cover-units.js';

describe('stationZonesOf', () => {
  it('gives each zone the other zones of its station, and none to a zone without one', () => {
    const areas = stationZonesOf(['north', 'south', 'north', null, 'north']);
    expect(areas).toEqual([[2, 4], [], [0, 4], [], [0, 2]]);
    const unit = { candidate: { id: 'u', lngLat: [0, 0] as [number, number] }, homeZone: 0 };
    const site = (zone: number) => ({ vertex: 0, zone, lngLat: [0, 0] as [number, number] });
    const allowed = (zone: number) => inStationArea({ ...unit, allowedZones: areas[0]! }, site(zone));
    expect([0, 1, 2, 3, 4].filter(allowed)).toEqual([0, 2, 4]);
  });
});
