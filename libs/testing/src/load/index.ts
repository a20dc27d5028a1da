export * from './mixed-load.js';
export * from './mixed-load-options.js';
export * from './acked-writes.js';
