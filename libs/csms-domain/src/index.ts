export * from './rules.js';
export * from './versions.js';
export * from './secrets.js';
export * from './secrets.decide.js';
export * from './queries.js';
export * from './tags.js';
