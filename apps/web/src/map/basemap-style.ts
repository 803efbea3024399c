/**
 * The default base style: the server's own vector tiles (`/api/tiles/{z}/{x}/{y}.pbf`, cut from
 * the imported OpenStreetMap file or the demo city) and glyphs bundled with the console
 * (`/glyphs/{fontstack}/{range}.pbf`, Latin ranges; CJK drawn by the browser's fonts through
 * `localIdeographFontFamily`). Nothing is fetched from outside the server. No icons, so no sprite.
 */
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { BASEMAP_TILE_MAX_ZOOM } from '@dispatch/contracts';
import { BASEMAP_COLORS as C, MAP_BACKGROUND } from './palette.js';

export const BASEMAP_SOURCE = 'basemap';
/** The label layers, bottom to top; overlay fills go under the first. */
export const BASEMAP_LABEL_LAYERS = [
  'basemap-water-labels',
  'basemap-waterway-labels',
  'basemap-road-labels',
  'basemap-road-refs',
  'basemap-pois',
  'basemap-places',
];
/** Browser fonts for Chinese labels (Debian's fonts-wqy-zenhei or Noto CJK on the consoles). */
export const LOCAL_IDEOGRAPH_FONTS = "'Noto Sans CJK SC', 'WenQuanYi Zen Hei', 'Microsoft YaHei', sans-serif";

const REGULAR = ['DejaVuSans'];
const BOLD = ['DejaVuSans-Bold'];
const GREEN = [
  'park',
  'garden',
  'wood',
  'forest',
  'grass',
  'meadow',
  'nature_reserve',
  'golf_course',
  'pitch',
  'playground',
  'recreation_ground',
  'village_green',
  'scrub',
  'heath',
  'grassland',
  'cemetery',
  'grave_yard',
  'allotments',
  'orchard',
  'vineyard',
];
const MAJOR = ['motorway', 'trunk', 'primary', 'motorway_link', 'trunk_link', 'primary_link'];
const MEDIUM = ['secondary', 'tertiary', 'secondary_link', 'tertiary_link'];

const areas: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
const lines: ExpressionSpecification = [
  'in',
  ['geometry-type'],
  ['literal', ['LineString', 'MultiLineString']],
];
const width = (z11: number, z16: number): ExpressionSpecification => [
  'interpolate',
  ['exponential', 1.5],
  ['zoom'],
  11,
  z11,
  16,
  z16,
];
const halo = { 'text-halo-color': C.labelHalo, 'text-halo-width': 1.4, 'text-halo-blur': 0.3 };

/** The style, its URLs absolute on `origin` (MapLibre resolves tile URLs in its worker). */
export function localBasemapStyle(origin: string): StyleSpecification {
  return {
    version: 8,
    glyphs: `${origin}/glyphs/{fontstack}/{range}.pbf`,
    sources: {
      [BASEMAP_SOURCE]: {
        type: 'vector',
        tiles: [`${origin}/api/tiles/{z}/{x}/{y}.pbf`],
        minzoom: 0,
        maxzoom: BASEMAP_TILE_MAX_ZOOM,
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': MAP_BACKGROUND } },
      {
        id: 'basemap-landuse',
        type: 'fill',
        source: BASEMAP_SOURCE,
        'source-layer': 'landuse',
        paint: {
          'fill-color': [
            'match',
            ['get', 'class'],
            GREEN,
            C.green,
            ['residential'],
            C.residential,
            ['commercial', 'retail'],
            C.commercial,
            ['industrial', 'railway', 'construction', 'parking'],
            C.industrial,
            ['school', 'university', 'college', 'hospital'],
            C.institution,
            ['farmland', 'farmyard'],
            C.farmland,
            C.landuseOther,
          ],
        },
      },
      {
        id: 'basemap-water',
        type: 'fill',
        source: BASEMAP_SOURCE,
        'source-layer': 'water',
        filter: areas,
        paint: { 'fill-color': C.water },
      },
      {
        id: 'basemap-waterways',
        type: 'line',
        source: BASEMAP_SOURCE,
        'source-layer': 'water',
        filter: ['all', lines, ['!=', ['get', 'class'], 'coastline']],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': C.waterLine,
          'line-width': [
            'interpolate',
            ['exponential', 1.5],
            ['zoom'],
            11,
            ['match', ['get', 'class'], ['river', 'canal'], 1.5, 0.5],
            16,
            ['match', ['get', 'class'], ['river', 'canal'], 6, 2],
          ],
        },
      },
      {
        id: 'basemap-coastline',
        type: 'line',
        source: BASEMAP_SOURCE,
        'source-layer': 'water',
        filter: ['==', ['get', 'class'], 'coastline'],
        paint: { 'line-color': C.waterLine, 'line-width': 1.5 },
      },
      {
        id: 'basemap-buildings',
        type: 'fill',
        source: BASEMAP_SOURCE,
        'source-layer': 'buildings',
        minzoom: 13,
        paint: { 'fill-color': C.building, 'fill-outline-color': C.buildingOutline },
      },
      {
        id: 'basemap-roads-minor',
        type: 'line',
        source: BASEMAP_SOURCE,
        'source-layer': 'roads',
        filter: ['!', ['in', ['get', 'class'], ['literal', [...MAJOR, ...MEDIUM]]]],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': C.roadMinor, 'line-width': width(0.5, 4) },
      },
      {
        id: 'basemap-roads-medium',
        type: 'line',
        source: BASEMAP_SOURCE,
        'source-layer': 'roads',
        filter: ['in', ['get', 'class'], ['literal', MEDIUM]],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': C.roadMedium, 'line-width': width(1, 7) },
      },
      {
        id: 'basemap-roads-major',
        type: 'line',
        source: BASEMAP_SOURCE,
        'source-layer': 'roads',
        filter: ['in', ['get', 'class'], ['literal', MAJOR]],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': C.roadMajor, 'line-width': width(1.5, 10) },
      },
      {
        id: 'basemap-water-labels',
        type: 'symbol',
        source: BASEMAP_SOURCE,
        'source-layer': 'water',
        minzoom: 11,
        filter: ['all', ['has', 'name'], areas],
        layout: { 'text-field': ['get', 'name'], 'text-font': REGULAR, 'text-size': 12 },
        paint: { 'text-color': C.waterLabel, ...halo },
      },
      {
        id: 'basemap-waterway-labels',
        type: 'symbol',
        source: BASEMAP_SOURCE,
        'source-layer': 'water',
        minzoom: 11,
        filter: ['all', ['has', 'name'], lines],
        layout: {
          'symbol-placement': 'line',
          'text-field': ['get', 'name'],
          'text-font': REGULAR,
          'text-size': 12,
          'text-letter-spacing': 0.2,
        },
        paint: { 'text-color': C.waterLabel, ...halo },
      },
      {
        id: 'basemap-road-labels',
        type: 'symbol',
        source: BASEMAP_SOURCE,
        'source-layer': 'roads',
        minzoom: 13,
        filter: ['has', 'name'],
        layout: {
          'symbol-placement': 'line',
          'text-field': ['get', 'name'],
          'text-font': REGULAR,
          'text-size': ['interpolate', ['linear'], ['zoom'], 13, 10, 17, 13],
          'text-max-angle': 30,
        },
        paint: { 'text-color': C.roadLabel, ...halo },
      },
      {
        id: 'basemap-road-refs',
        type: 'symbol',
        source: BASEMAP_SOURCE,
        'source-layer': 'roads',
        minzoom: 10,
        filter: ['all', ['has', 'ref'], ['in', ['get', 'class'], ['literal', MAJOR]]],
        layout: {
          'symbol-placement': 'line',
          'symbol-spacing': 400,
          'text-field': ['get', 'ref'],
          'text-font': BOLD,
          'text-size': 10,
          'text-rotation-alignment': 'viewport',
        },
        paint: { 'text-color': C.roadRef, ...halo },
      },
      {
        id: 'basemap-pois',
        type: 'symbol',
        source: BASEMAP_SOURCE,
        'source-layer': 'pois',
        minzoom: 14,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': REGULAR,
          'text-size': 11,
          'text-max-width': 8,
          'symbol-sort-key': ['coalesce', ['get', 'rank'], 7],
        },
        paint: { 'text-color': C.poiLabel, ...halo },
      },
      {
        id: 'basemap-places',
        type: 'symbol',
        source: BASEMAP_SOURCE,
        'source-layer': 'places',
        layout: {
          'text-field': ['get', 'name'],
          'text-font': BOLD,
          'text-size': ['match', ['coalesce', ['get', 'rank'], 5], [1, 2], 16, [3, 4], 14, 12],
          'text-max-width': 8,
          'symbol-sort-key': ['coalesce', ['get', 'rank'], 5],
        },
        paint: { 'text-color': C.placeLabel, ...halo },
      },
    ],
  };
}
