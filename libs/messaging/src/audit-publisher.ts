import { headers as natsHeaders, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { type AuditRecord, AuditNotStored } from '@dew/contracts';
import { BusRequestFailed, RequestMux } from './request-mux.js';
import { streams } from './subjects.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** JetStream's answer to a publish: where it stored the message, or why it did not. */
interface PubAck {
  readonly stream?: string;
  readonly seq?: number;
  readonly duplicate?: boolean;
  readonly error?: { readonly code?: number; readonly err_code?: number; readonly description?: string };
}

/**
 * Publishes audit records to the AUDIT stream and resolves only once JetStream has stored them
 * (docs/architecture.md, "Audit": fail closed). Publishes are pipelined: many may be in flight, each
 * caller still waits for its own ack; beyond `maxInFlight` callers queue, so a slow store cannot
 * grow memory without bound. A record that cannot be stored is a 500 for the call that made it.
 * A JetStream publish is a request on the connection's RequestMux; the record's trace id is its
 * `Nats-Msg-Id`, so a retried record is stored once (the stream's duplicate window).
 */
export class AuditPublisher {
  readonly #mux: RequestMux;
  #inFlight = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(
    nc: NatsConnection,
    private readonly subjectOf: (record: AuditRecord) => string,
    private readonly maxInFlight = 4096,
    private readonly timeoutMs = 5000,
    /** The stream that must answer: an ack naming another stream (or none) is no ack. */
    private readonly stream: string = streams.audit.name,
  ) {
    this.#mux = RequestMux.of(nc);
  }

  async record(record: AuditRecord): Promise<void> {
    if (this.#inFlight >= this.maxInFlight) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#inFlight++;
    try {
      const subject = this.subjectOf(record);
      const h = natsHeaders();
      h.set('Nats-Msg-Id', record.trace_id);
      // JetStream refuses the publish unless this stream stores the subject.
      h.set('Nats-Expected-Stream', this.stream);
      const why = whyNotStored(await this.#mux.request(subject, encoder.encode(JSON.stringify(record)), h, this.timeoutMs).catch(failureOf), this.stream);
      if (why !== undefined) throw AuditNotStored(record.request_id, why);
    } finally {
      this.#inFlight--;
      this.#waiting.shift()?.();
    }
  }
}

const failureOf = (err: unknown): string => (err instanceof BusRequestFailed && err.kind === 'no-responders' ? `no stream stores ${err.subject}` : String((err as Error).message ?? err));

/**
 * Undefined once JetStream stored the record (or had it already) in `stream`; else the reason, in
 * the server's words. Only a plain PubAck counts: a stored message delivered to the inbox (it has a
 * reply subject or a Nats-Stream header) or an ack from another stream is no ack for this record.
 */
function whyNotStored(answer: Msg | string, stream: string): string | undefined {
  if (typeof answer === 'string') return answer;
  let ack: PubAck;
  try {
    ack = JSON.parse(decoder.decode(answer.data)) as PubAck;
  } catch {
    return 'the answer was no publish ack';
  }
  if (ack.error) return ack.error.description ?? `JetStream error ${ack.error.err_code ?? ack.error.code ?? ''}`;
  const plainAck = ack.stream === stream && Number.isSafeInteger(ack.seq) && (ack.seq ?? 0) > 0 && !answer.reply && !answer.headers?.get('Nats-Stream');
  return plainAck ? undefined : 'the answer was no publish ack';
}
