export { ConcurrencyError, UnconfirmedAppend } from './event-store.js';
export type {
  AppendOptions, AppendResult, CatchUpSubscription, EventStore, ReadOptions, StoredMessage, SubscribeOptions,
} from './event-store.js';
export { JetStreamEventStore } from './jetstream-event-store.js';
export type { LastSubjectMessage } from './jetstream-event-store.js';
export { ensureStream } from './streams.js';
export type { EventStreamConfig } from './streams.js';
export { startOrderedRun } from './catch-up.js';
export { foreignReason, toStoredMessage } from './codec.js';
export { onStreamAnomaly, recordStreamAnomaly, resetStreamAnomalies, streamAnomalies } from './stream-anomalies.js';
export type { StreamAnomaly, StreamAnomalyFigures, StreamAnomalyKind } from './stream-anomalies.js';
export type { OrderedRun, OrderedRunOptions } from './catch-up.js';
