export * from './key-specs.js';
export * from './rules.js';
export * from './keyring.js';
export * from './keyring.decide.js';
export * from './list-keys.js';
export { PersistentMap } from './persistent-map.js';
