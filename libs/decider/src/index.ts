export { assertNever, foldEvents } from './decider.js';
export type { Decider, Instant } from './decider.js';
