export { foldEvents } from './decider.js';
export type { Decider } from './decider.js';
