export { generateDemoCity, DEMO_CITY_CENTER, DEFAULT_DEMO_CITY_OPTIONS } from './demo-city.js';
export { gridCodeAt } from './grid-lookup.js';
export * from './types.js';
export type { Feature, FeatureCollection, LineString, Polygon, Position } from './geojson.js';
export { demoRecordId, postRangeMeters, unitsInLoginOrder, unitUsername } from './seeding.js';
export { cityOnRoads, type CityOnRoads, type CityOnRoadsOptions } from './city-on-roads.js';
