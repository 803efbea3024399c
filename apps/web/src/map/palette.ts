/** Colours of the situation map (dark wall-screen theme), shared with the legend in the UI. */
import type { GridCoverageDto } from '@dispatch/contracts';
import type { UnitStatus } from '@dispatch/domain';

export const MAP_BACKGROUND = '#0a101c';

export const UNIT_STATUS_COLORS: Readonly<Record<UnitStatus, string>> = {
  available: '#22c55e',
  assigned: '#facc15',
  en_route: '#f97316',
  on_scene: '#ef4444',
  returning: '#2dd4bf',
  off_duty: '#475569',
  out_of_service: '#64748b',
};

export const PRIORITY_COLORS: Readonly<Record<number, string>> = {
  1: '#ef4444',
  2: '#f97316',
  3: '#eab308',
  4: '#60a5fa',
};

export const GRID_STATUS_FILL: Readonly<Record<'ok' | 'understaffed' | 'uncovered', string>> = {
  ok: '#1e3a5f',
  understaffed: '#b45309',
  uncovered: '#b91c1c',
};

/** Live coverage of a grid: reached within 3 min, only within 5 min, not even that (alert). */
export const COVERAGE_LEVEL_COLORS: Readonly<Record<GridCoverageDto['level'], string>> = {
  covered: '#16a34a',
  thin: '#eab308',
  uncovered: '#dc2626',
};

/** Recommended move-ups (unit to standby site): apart from routes (sky), checkpoints (fuchsia). */
export const MOVE_UP_COLOR = '#67e8f9';
/** Recommended standby points and the line from each unit to its point: a cyan no other layer uses. */
export const STANDBY_POINT_COLOR = '#00e5ff';

/** Heat map of expected incidents, from a quiet cell to the busiest (share of the busiest, 0..1). */
export const HOTSPOT_RAMP: readonly (readonly [number, string])[] = [
  [0, '#fde68a'],
  [0.4, '#fb923c'],
  [1, '#e11d48'],
];

/** The offline vector basemap under the operational layers: dark, low contrast, labels muted. */
export const BASEMAP_COLORS = {
  water: '#0c2a44',
  waterLine: '#1d4e7a',
  waterLabel: '#6b9ac4',
  green: '#0f2a1f',
  residential: '#111a2b',
  commercial: '#1a1830',
  industrial: '#1b1d26',
  institution: '#1f1a2c',
  farmland: '#142317',
  landuseOther: '#101827',
  building: '#1a2336',
  buildingOutline: '#25314a',
  roadMinor: '#263247',
  roadMedium: '#3a4a66',
  roadMajor: '#5b6f94',
  roadLabel: '#9aa8bf',
  roadRef: '#e8c36a',
  placeLabel: '#d7dfeb',
  poiLabel: '#b8a6e8',
  labelHalo: '#0a101c',
} as const;
