/**
 * @dispatch/coverage: keeping the city covered. Pure (no I/O, no clock): live coverage per grid
 * from per-vertex response times (routing's coverageTimes), when its alerts are raised and
 * cleared, the demand surface (hot spots by H3 cell and hour of week) that weighs it, where free
 * units should wait (standby points) and who moves up after a dispatch.
 */
export * from './zone-coverage.js';
export * from './coverage-alerts.js';
export * from './hour-of-week.js';
export { CellLocator } from './cell-locator.js';
export * from './demand-surface.js';
export * from './hotspot-queries.js';
export * from './segment-demand.js';
export * from './prediction-accuracy.js';
export * from './demand.js';
export * from './cover-units.js';
export * from './standby-sites.js';
export * from './standby-points.js';
export * from './move-up.js';
