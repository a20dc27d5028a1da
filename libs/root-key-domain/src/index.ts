export * from './state/holders.js';
export * from './state/refusals.js';
export * from './state/ring.js';
export * from './rotation/events.js';
export * from './rotation/decide.js';
export * from './rewrap/events.js';
export * from './rewrap/decide.js';
export * from './root-key-ring.decider.js';
