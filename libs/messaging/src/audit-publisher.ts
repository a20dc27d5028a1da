import type { NatsConnection } from '@nats-io/transport-node';
import { type AuditRecord, AuditNotStored } from '@dew/contracts';
import { NoStreamForSubject, publishToStream } from './stream-publish.js';
import { streams } from './subjects.js';

const encoder = new TextEncoder();

/**
 * Publishes audit records to the AUDIT stream and resolves only once JetStream has stored them
 * (docs/architecture.md, "Audit": fail closed). Publishes are pipelined: many may be in flight, each
 * caller still waits for its own ack; beyond `maxInFlight` callers queue, so a slow store cannot
 * grow memory without bound. A record that cannot be stored is a 500 for the call that made it.
 * Each record is a `publishToStream` (one request on the connection's RequestMux); its trace id is its
 * `Nats-Msg-Id`, so a retried record is stored once (the stream's duplicate window).
 */
export class AuditPublisher {
  #inFlight = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly subjectOf: (record: AuditRecord) => string,
    private readonly maxInFlight = 4096,
    private readonly timeoutMs = 5000,
    /** The stream that must answer: an ack naming another stream (or none) is no ack. */
    private readonly stream: string = streams.audit.name,
  ) {}

  async record(record: AuditRecord): Promise<void> {
    if (this.#inFlight >= this.maxInFlight) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#inFlight++;
    try {
      await publishToStream(this.nc, this.subjectOf(record), encoder.encode(JSON.stringify(record)), { msgId: record.trace_id, expect: { stream: this.stream }, timeoutMs: this.timeoutMs });
    } catch (err) {
      throw AuditNotStored(record.request_id, err instanceof NoStreamForSubject ? `no stream stores ${err.subject}` : String((err as Error).message ?? err));
    } finally {
      this.#inFlight--;
      this.#waiting.shift()?.();
    }
  }
}
