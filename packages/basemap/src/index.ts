export * from './layers.js';
export * from './rings.js';
