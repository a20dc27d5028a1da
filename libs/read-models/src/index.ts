export * from './aggregates.js';
export * from './traces/trace.js';
export * from './traces/to-traces.js';
export * from './traces/audit-message.js';
export * from './traces/trace-fields.js';
export * from './traces/audit-trace-text.js';
export * from './replay/rebuild.js';
export * from './replay/compare.js';
