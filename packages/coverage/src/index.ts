/**
 * @dispatch/coverage: keeping the city covered. Pure (no I/O, no clock): live coverage per grid
 * from per-vertex response times (routing's coverageTimes), and when its alerts are raised and
 * cleared.
 */
export * from './zone-coverage.js';
export * from './coverage-alerts.js';
