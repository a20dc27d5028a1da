import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { type AuditRecord, AuditNotStored } from '@dew/contracts';

const encoder = new TextEncoder();

/**
 * Publishes audit records to the AUDIT stream and resolves only once JetStream has stored them
 * (docs/architecture.md, "Audit": fail closed). Publishes are pipelined: many may be in flight, each
 * caller still waits for its own ack; beyond `maxInFlight` callers queue, so a slow store cannot
 * grow memory without bound. A record that cannot be stored is a 500 for the call that made it.
 */
export class AuditPublisher {
  readonly #js: JetStreamClient;
  #inFlight = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(
    nc: NatsConnection,
    private readonly subjectOf: (record: AuditRecord) => string,
    private readonly maxInFlight = 4096,
    private readonly timeoutMs = 5000,
  ) {
    this.#js = jetstream(nc, { timeout: timeoutMs });
  }

  async record(record: AuditRecord): Promise<void> {
    if (this.#inFlight >= this.maxInFlight) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#inFlight++;
    try {
      await this.#js.publish(this.subjectOf(record), encoder.encode(JSON.stringify(record)), { msgID: record.trace_id, timeout: this.timeoutMs });
    } catch (err) {
      throw AuditNotStored(record.request_id, (err as Error).message);
    } finally {
      this.#inFlight--;
      this.#waiting.shift()?.();
    }
  }
}
