export * from './config.js';
export * from './clock.js';
export * from './rpc-registry.js';
export * from './service.module.js';
export * from './audit.provider.js';
export * from './periodic-sweep.js';
export * from './read-models.js';
export * from './exit-with-parent.js';
