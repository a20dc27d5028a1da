export { ConcurrencyError } from './event-store.js';
export type {
  AppendOptions, AppendResult, CatchUpSubscription, EventStore, ReadOptions, StoredMessage, SubscribeOptions,
} from './event-store.js';
export { JetStreamEventStore } from './jetstream-event-store.js';
export type { LastSubjectMessage } from './jetstream-event-store.js';
export { ensureStream } from './streams.js';
export type { EventStreamConfig } from './streams.js';
export { startOrderedRun } from './catch-up.js';
export { toStoredMessage } from './codec.js';
export type { OrderedRun, OrderedRunOptions } from './catch-up.js';
