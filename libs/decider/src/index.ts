export { assertNever, foldEvents } from './decider.js';
export type { Decider, Instant } from './decider.js';
export { PersistentMap, type KeyHashing } from './persistent-map.js';
