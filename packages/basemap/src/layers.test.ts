import { describe, expect, it } from 'vitest';
import { classifyPoint, classifyWay, isBasemapArea, labelOf } from './layers.js';

describe('basemap layers from OSM tags', () => {
  it('classifies ways and points', () => {
    expect(classifyWay({ natural: 'water' }, true)).toEqual({ layer: 'water', kind: 'area', class: 'water' });
    expect(classifyWay({ waterway: 'river' }, false)).toEqual({
      layer: 'water',
      kind: 'line',
      class: 'river',
    });
    expect(classifyWay({ building: 'yes' }, true)).toMatchObject({ layer: 'buildings', class: 'building' });
    expect(classifyWay({ building: 'yes' }, false)).toBeNull();
    expect(classifyWay({ leisure: 'park' }, true)).toMatchObject({ layer: 'landuse', class: 'park' });
    expect(classifyWay({ highway: 'primary' }, false)).toBeNull();
    expect(classifyPoint({ place: 'town', name: 'Andorra la Vella', 'name:zh': '安道尔城' })).toEqual({
      layer: 'places',
      class: 'town',
      rank: 2,
    });
    expect(classifyPoint({ amenity: 'police' })).toBeNull();
  });

  it('labels in Chinese first, and knows which relations are areas', () => {
    expect(labelOf({ name: 'Monaco', 'name:zh': '摩纳哥' })).toBe('摩纳哥');
    expect(labelOf({ name: '  ' })).toBeUndefined();
    expect(isBasemapArea({ type: 'multipolygon', natural: 'water' })).toBe(true);
    expect(isBasemapArea({ type: 'multipolygon', boundary: 'administrative' })).toBe(false);
  });
});
