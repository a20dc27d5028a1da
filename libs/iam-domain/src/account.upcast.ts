/**
 * Events written before IAM took the one time representation (docs/architecture.md, "Event
 * sourcing on JetStream": events are never rewritten) carry `at` as an ISO 8601 string. They are
 * read as epoch milliseconds here, the one place events enter evolve.
 */
import type { Instant } from '@dew/decider';

/** The event with `at` in epoch milliseconds (the same object when it already is). */
export function withEpochAt<E extends { readonly at: Instant }>(event: E): E {
  const at: unknown = event.at;
  return typeof at === 'string' ? { ...event, at: Date.parse(at) } : event;
}
