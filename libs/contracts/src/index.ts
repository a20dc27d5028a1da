export * from './errors.js';
export * from './validation.js';
export * from './kms/index.js';
export * from './audit.js';
export * from './text.js';
export * from './tag-search.js';
export * from './json-limits.js';
export * from './base64.js';
