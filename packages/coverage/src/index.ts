/**
 * @dispatch/coverage: keeping the city covered. Pure (no I/O, no clock): live coverage per grid
 * from per-vertex response times (routing's coverageTimes), when its alerts are raised and
 * cleared, where free units should wait (standby points) and who moves up after a dispatch.
 */
export * from './zone-coverage.js';
export * from './coverage-alerts.js';
export * from './demand.js';
export * from './cover-units.js';
export * from './standby-sites.js';
export * from './standby-points.js';
export * from './move-up.js';
