import { describe, expect, it } from 'vitest';
import { generateDemoCity } from '@dispatch/demo-city';
import { demoBasemap } from './demo-basemap.js';

describe('the demo city basemap', () => {
  it('has the river as water, every grid as land use and label, and the posts as POIs', () => {
    const city = generateDemoCity({ grids: 30, units: 100, scale: 0.25 });
    const layers = demoBasemap(city);
    expect(layers.water.features.map((f) => f.geometry.type)).toEqual(['Polygon', 'LineString']);
    expect(layers.landuse.features).toHaveLength(city.grids.length);
    expect(layers.places.features.map((f) => f.properties.name)).toEqual(city.grids.map((g) => g.name));
    expect(layers.pois.features).toHaveLength(city.precincts.length + city.posts.length);
    expect(layers.buildings.features).toEqual([]);
  });
});
