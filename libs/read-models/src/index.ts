export * from './aggregates.js';
export * from './traces/trace.js';
export * from './traces/to-traces.js';
