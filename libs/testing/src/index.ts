export { startTestNats } from './nats.js';
export type { StartTestNatsOptions, TestNats, TestNatsConnectOptions } from './nats.js';
