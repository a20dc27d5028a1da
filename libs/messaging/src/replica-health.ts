import type { NatsConnection } from '@nats-io/transport-node';
import { contextHeaders, systemContext } from './context.js';
import { subjects } from './subjects.js';

/** One replica's answer to the health subject (docs/architecture.md, "Cluster mode"). */
export interface ReplicaHealth {
  readonly service: string;
  readonly replica: number;
  readonly restarts: number;
  /** Requests this process answered since it started. */
  readonly requestsHandled: number;
}

interface HealthBody {
  readonly ok?: { readonly service?: string; readonly details?: { readonly replica?: unknown; readonly restarts?: unknown; readonly requests_handled?: unknown } };
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0);

/**
 * Every replica of `service` answers its health subject (outside the queue group): the answers
 * that arrive within `maxWaitMs`, or as soon as `expected` have, sorted by replica.
 */
export async function healthOfReplicas(nc: NatsConnection, service: string, expected: number, maxWaitMs = 2000): Promise<ReplicaHealth[]> {
  const replies = await nc.requestMany(subjects.health(service), '{}', { strategy: 'count', maxMessages: expected, maxWait: maxWaitMs, headers: contextHeaders(systemContext('health')) });
  const out: ReplicaHealth[] = [];
  for await (const msg of replies) {
    const details = msg.json<HealthBody>().ok?.details;
    if (details) out.push({ service, replica: count(details.replica) || 1, restarts: count(details.restarts), requestsHandled: count(details.requests_handled) });
  }
  return out.sort((a, b) => a.replica - b.replica);
}
