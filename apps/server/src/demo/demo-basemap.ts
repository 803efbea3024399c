/**
 * The demo city's basemap layers, so the default `pnpm start` shows water, land use and labels
 * with no OSM file: the river as water (its line buffered to its width, and the line itself
 * for its label), each grid's zone as land use, grid names as place labels, police stations and
 * posts as points of interest. Roads and grid outlines come from their own tables.
 */
import type { DemoCity } from '@dispatch/demo-city';
import { bufferLine, emptyBasemap, type BasemapLayers } from '@dispatch/basemap';

type Position = [number, number];

const ZONE_LANDUSE = { old_town: 'commercial', urban: 'residential', suburban: 'farmland' } as const;
export function demoBasemap(city: DemoCity): BasemapLayers {
  const layers = emptyBasemap();
  const river = city.river;
  const riverLine = river.geometry.coordinates as Position[];
  layers.water.features.push(
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [bufferLine(riverLine, river.properties.widthMeters / 2)] },
      properties: { class: 'river', name: river.properties.name },
    },
    {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: riverLine },
      properties: { class: 'river', name: river.properties.name },
    },
  );
  for (const grid of city.grids) {
    layers.landuse.features.push({
      type: 'Feature',
      geometry: grid.polygon as BasemapLayers['landuse']['features'][number]['geometry'],
      properties: { class: ZONE_LANDUSE[grid.zone] },
    });
    layers.places.features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [grid.centroid[0], grid.centroid[1]] },
      properties: { class: 'neighbourhood', name: grid.name, rank: 5 },
    });
  }
  for (const precinct of city.precincts)
    layers.pois.features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [precinct.lngLat[0], precinct.lngLat[1]] },
      properties: { class: 'police', name: precinct.name, rank: 6 },
    });
  for (const post of city.posts)
    layers.pois.features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [post.lngLat[0], post.lngLat[1]] },
      properties: { class: post.kind, name: post.name, rank: 7 },
    });
  return layers;
}
