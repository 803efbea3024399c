export * from './primitives.js';
export * from './dto.js';
export * from './requests.js';
export * from './events.js';
export * from './checkpoints.js';
export * from './reports.js';
export * from './coverage.js';
export * from './hotspots.js';
