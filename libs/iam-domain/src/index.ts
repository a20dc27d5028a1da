export * from './account.js';
export * from './account.decide.js';
export * from './queries.js';
export * from './directory.js';
export { ACCESS_KEYS_PER_USER, DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH } from './limits.js';
