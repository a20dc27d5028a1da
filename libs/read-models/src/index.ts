export * from './aggregates.js';
export * from './traces/trace.js';
export * from './traces/to-traces.js';
export * from './traces/trace-fields.js';
export * from './replay/rebuild.js';
export * from './replay/compare.js';
