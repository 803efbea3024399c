/**
 * Layers drawn over the base style, all data-driven from GeoJSON sources: the map is data.
 * Only circle, line and fill layers: text would need a glyphs server, which is not available
 * offline; labels live in the side panels instead.
 */
import type { AddLayerObject } from 'maplibre-gl';
import { UNIT_STATUSES } from '@dispatch/domain';
import {
  COVERAGE_LEVEL_COLORS,
  GRID_STATUS_FILL,
  HOTSPOT_RAMP,
  MOVE_UP_COLOR,
  PRIORITY_COLORS,
  STANDBY_POINT_COLOR,
  UNIT_STATUS_COLORS,
} from './palette.js';

export const SOURCES = {
  roads: 'roads',
  river: 'river',
  grids: 'grids',
  posts: 'posts',
  routes: 'routes',
  incidents: 'incidents',
  units: 'units',
  draft: 'draft',
  moveUps: 'move-ups',
  hotspots: 'hotspots',
  standbyPoints: 'standby-points',
} as const;

export const LAYERS = {
  gridsFill: 'grids-fill',
  coverage: 'grids-coverage',
  incidents: 'incidents',
  incidentPulse: 'incident-pulse',
  units: 'units',
  hotspots: 'hotspots-fill',
  standbyPoints: 'standby-points',
} as const;

const unitStatusColor = [
  'match',
  ['get', 'status'],
  ...UNIT_STATUSES.flatMap((s) => [s, UNIT_STATUS_COLORS[s]]),
  '#94a3b8',
];

/** Roads by OSM highway class: wider and brighter for the major classes. */
export function roadLayers(): AddLayerObject[] {
  const major = ['motorway', 'trunk', 'primary'];
  const medium = ['secondary', 'tertiary'];
  return [
    {
      id: 'roads-minor',
      type: 'line',
      source: SOURCES.roads,
      filter: ['!', ['in', ['get', 'highway'], ['literal', [...major, ...medium]]]],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#263247', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.5, 16, 3] },
    },
    {
      id: 'roads-medium',
      type: 'line',
      source: SOURCES.roads,
      filter: ['in', ['get', 'highway'], ['literal', medium]],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#3a4a66', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1, 16, 5] },
    },
    {
      id: 'roads-major',
      type: 'line',
      source: SOURCES.roads,
      filter: ['in', ['get', 'highway'], ['literal', major]],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#5b6f94', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1.5, 16, 8] },
    },
  ];
}

export function riverLayers(): AddLayerObject[] {
  return [
    {
      id: 'river-fill',
      type: 'fill',
      source: SOURCES.river,
      filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
      paint: { 'fill-color': '#0c2a44' },
    },
    {
      id: 'river-line',
      type: 'line',
      source: SOURCES.river,
      filter: ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]],
      paint: { 'line-color': '#1d4e7a', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 4, 16, 30] },
    },
  ];
}

/**
 * Grids outlined; understaffed and uncovered grids shaded (status from live staffing). With the
 * coverage layer on, the coverage shade replaces the staffing one (the outline keeps staffing).
 */
export function gridLayers(): AddLayerObject[] {
  return [
    {
      id: LAYERS.gridsFill,
      type: 'fill',
      source: SOURCES.grids,
      paint: {
        'fill-color': [
          'match',
          ['get', 'status'],
          'uncovered',
          GRID_STATUS_FILL.uncovered,
          'understaffed',
          GRID_STATUS_FILL.understaffed,
          GRID_STATUS_FILL.ok,
        ],
        'fill-opacity': ['match', ['get', 'status'], 'uncovered', 0.28, 'understaffed', 0.2, 0.05],
      },
    },
    {
      id: LAYERS.coverage,
      type: 'fill',
      source: SOURCES.grids,
      // Hidden until the screen turns it on; grids without coverage yet stay unshaded.
      layout: { visibility: 'none' },
      filter: ['in', ['get', 'coverage'], ['literal', Object.keys(COVERAGE_LEVEL_COLORS)]],
      paint: {
        'fill-color': [
          'match',
          ['get', 'coverage'],
          ...Object.entries(COVERAGE_LEVEL_COLORS).flat(),
          '#000000',
        ] as never,
        // Stronger for the worse levels: a hole has to show from across the room.
        'fill-opacity': ['match', ['get', 'coverage'], 'uncovered', 0.45, 'thin', 0.32, 0.18],
      },
    },
    {
      id: 'grids-outline',
      type: 'line',
      source: SOURCES.grids,
      paint: {
        'line-color': [
          'match',
          ['get', 'status'],
          'uncovered',
          '#f87171',
          'understaffed',
          '#fbbf24',
          '#4b6a9b',
        ],
        'line-width': 1.2,
        'line-dasharray': [3, 2],
      },
    },
  ];
}

export function postLayers(): AddLayerObject[] {
  return [
    {
      id: 'posts',
      type: 'circle',
      source: SOURCES.posts,
      paint: {
        'circle-radius': 3,
        'circle-color': '#0a101c',
        'circle-stroke-color': ['match', ['get', 'kind'], 'drone_nest', '#c084fc', '#93c5fd'],
        'circle-stroke-width': 1.5,
      },
    },
  ];
}

export function routeLayers(): AddLayerObject[] {
  return [
    {
      id: 'routes-casing',
      type: 'line',
      source: SOURCES.routes,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#0a101c', 'line-width': 7 },
    },
    {
      id: 'routes',
      type: 'line',
      source: SOURCES.routes,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': [
          'match',
          ['get', 'method'],
          'straight_line',
          '#a5b4fc',
          'flight',
          '#c084fc',
          '#38bdf8',
        ],
        'line-width': 4,
        'line-dasharray': [
          'match',
          ['get', 'method'],
          'straight_line',
          ['literal', [1, 1.5]],
          ['literal', [1, 0]],
        ],
      },
    },
  ];
}

/**
 * Recommended move-ups: a dashed line from the unit to its standby site, wider for a larger
 * expected gain, and a ring at the site; the best move (order 0) drawn fully opaque.
 */
export function moveUpLayers(): AddLayerObject[] {
  const opacity = ['case', ['==', ['get', 'order'], 0], 1, 0.7];
  return [
    {
      id: 'move-ups-line',
      type: 'line',
      source: SOURCES.moveUps,
      filter: ['==', ['get', 'kind'], 'move'],
      layout: { 'line-cap': 'round' },
      paint: {
        'line-color': MOVE_UP_COLOR,
        'line-width': ['interpolate', ['linear'], ['get', 'gainShare5'], 0, 1.5, 0.05, 4],
        'line-opacity': opacity as never,
        'line-dasharray': [2, 1.5],
      },
    },
    {
      id: 'move-ups-site',
      type: 'circle',
      source: SOURCES.moveUps,
      filter: ['==', ['get', 'kind'], 'site'],
      paint: {
        'circle-radius': 7,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': MOVE_UP_COLOR,
        'circle-stroke-width': 2.5,
        'circle-stroke-opacity': opacity as never,
      },
    },
  ];
}

/** Incidents coloured and sized by priority; breached ones get a pulsing halo underneath. */
export function incidentLayers(): AddLayerObject[] {
  return [
    {
      id: LAYERS.incidentPulse,
      type: 'circle',
      source: SOURCES.incidents,
      filter: ['==', ['get', 'breached'], true],
      // Static halo; the map animates radius and opacity unless reduced motion is asked for.
      paint: {
        'circle-radius': 20,
        'circle-color': '#ef4444',
        'circle-opacity': 0.45,
        'circle-blur': 0.4,
      },
    },
    {
      id: LAYERS.incidents,
      type: 'circle',
      source: SOURCES.incidents,
      paint: {
        'circle-radius': ['match', ['get', 'priority'], 1, 10, 2, 9, 3, 8, 7],
        'circle-color': [
          'match',
          ['get', 'priority'],
          1,
          PRIORITY_COLORS[1] as string,
          2,
          PRIORITY_COLORS[2] as string,
          3,
          PRIORITY_COLORS[3] as string,
          PRIORITY_COLORS[4] as string,
        ],
        // A light ring tells incidents from units of the same colour; selection thickens it.
        'circle-stroke-color': ['case', ['get', 'selected'], '#38bdf8', '#f8fafc'],
        'circle-stroke-width': ['case', ['get', 'selected'], 4, 2.5],
      },
    },
  ];
}

/**
 * Units: colour = status; kind = radius and ring colour (cars biggest, drones with a violet
 * ring, partner forces amber). Selected and recommended units get a white ring.
 */
export function unitLayers(): AddLayerObject[] {
  return [
    {
      id: LAYERS.units,
      type: 'circle',
      source: SOURCES.units,
      paint: {
        'circle-radius': [
          'match',
          ['get', 'kind'],
          'patrol_car',
          6,
          'motorcycle',
          5,
          'post',
          5,
          'foot_patrol',
          4,
          'drone',
          4,
          4,
        ],
        'circle-color': unitStatusColor as never,
        'circle-stroke-color': [
          'case',
          ['any', ['get', 'selected'], ['get', 'candidate']],
          '#ffffff',
          ['match', ['get', 'kind'], 'drone', '#c084fc', 'partner', '#fbbf24', 'post', '#93c5fd', '#0a101c'],
        ],
        'circle-stroke-width': ['case', ['any', ['get', 'selected'], ['get', 'candidate']], 3, 1.5],
      },
    },
  ];
}

/** The location being taken on a call: a white target. */
export function draftLayers(): AddLayerObject[] {
  return [
    {
      id: 'draft-ring',
      type: 'circle',
      source: SOURCES.draft,
      paint: {
        'circle-radius': 14,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'draft-dot',
      type: 'circle',
      source: SOURCES.draft,
      paint: { 'circle-radius': 4, 'circle-color': '#ffffff' },
    },
  ];
}

/**
 * Hot spots: H3 cells filled by their share of the busiest cell's expected incidents (the source
 * is empty while the layer is off). Drawn over the grid shades and under posts, routes and units.
 */
export function hotspotLayers(): AddLayerObject[] {
  return [
    {
      id: LAYERS.hotspots,
      type: 'fill',
      source: SOURCES.hotspots,
      paint: {
        'fill-color': ['interpolate', ['linear'], ['get', 'level'], ...HOTSPOT_RAMP.flat()] as never,
        'fill-opacity': ['interpolate', ['linear'], ['get', 'level'], 0, 0.35, 1, 0.75],
      },
    },
  ];
}

/**
 * Recommended standby points: a dashed line from the unit to its point and a cyan dot; once the
 * unit is ordered there the line turns solid and the dot gets a white ring.
 */
export function standbyPointLayers(): AddLayerObject[] {
  return [
    {
      id: 'standby-paths',
      type: 'line',
      source: SOURCES.standbyPoints,
      filter: ['==', ['get', 'kind'], 'path'],
      layout: { 'line-cap': 'round' },
      paint: {
        'line-color': STANDBY_POINT_COLOR,
        'line-width': ['case', ['get', 'ordered'], 2.5, 1.5],
        'line-opacity': 0.8,
        'line-dasharray': [2, 1.5],
      },
    },
    {
      id: LAYERS.standbyPoints,
      type: 'circle',
      source: SOURCES.standbyPoints,
      filter: ['==', ['get', 'kind'], 'point'],
      paint: {
        'circle-radius': ['case', ['get', 'ordered'], 8, 7],
        'circle-color': STANDBY_POINT_COLOR,
        'circle-stroke-color': ['case', ['get', 'ordered'], '#ffffff', '#0a101c'],
        'circle-stroke-width': ['case', ['get', 'ordered'], 3, 1.5],
      },
    },
  ];
}
