import { createHash } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { type AuditRecord, AuditNotStored, auditMessageText } from '@dew/contracts';
import { NoStreamForSubject, publishToStream } from './stream-publish.js';
import { streams } from './subjects.js';
import { transientFault } from './transient-faults.js';

const encoder = new TextEncoder();

/** At most this many records of one subject share a message. */
export const AUDIT_BATCH_RECORDS = 64;
/** …and at most this many characters of JSON (≤ 384 KiB of UTF-8, well under nats-server's 1 MiB max_payload). */
export const AUDIT_BATCH_CHARS = 128 * 1024;

interface Queued {
  readonly record: AuditRecord;
  readonly text: string;
  readonly stored: () => void;
  readonly refused: (err: unknown) => void;
}

interface OpenBatch {
  readonly records: Queued[];
  chars: number;
}

/**
 * Publishes audit records to the AUDIT stream and resolves only once JetStream has stored them
 * (docs/architecture.md, "Audit": fail closed). The records one event-loop turn makes for one
 * subject are stored together, as one message (a JSON array, `auditRecordsOf` reads it), at the
 * end of the turn: one JetStream write and one ack for many calls, and each caller still waits for
 * the ack of the message that holds its record. Messages are pipelined; beyond `maxInFlight`
 * records queued or in flight callers wait, so a slow store cannot grow memory without bound. A
 * message that cannot be stored is a 500 for every call whose record it held.
 * A message's `Nats-Msg-Id` is its record's trace id, or for several a digest of theirs, so a
 * message sent again is stored once (the stream's duplicate window).
 */
export class AuditPublisher {
  #inFlight = 0;
  readonly #waiting: Array<() => void> = [];
  #open = new Map<string, OpenBatch>();
  #scheduled = false;
  readonly #sendOpen = (): void => {
    this.#scheduled = false;
    const open = this.#open;
    this.#open = new Map();
    for (const [subject, batch] of open) this.#send(subject, batch);
  };

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
      await new Promise<void>((stored, refused) => this.#queue({ record, text: JSON.stringify(record), stored, refused }));
    } finally {
      this.#inFlight--;
      this.#waiting.shift()?.();
    }
  }

  #queue(queued: Queued): void {
    const subject = this.subjectOf(queued.record);
    let batch = this.#open.get(subject);
    if (batch && (batch.records.length >= AUDIT_BATCH_RECORDS || batch.chars + queued.text.length > AUDIT_BATCH_CHARS)) {
      this.#open.delete(subject);
      this.#send(subject, batch);
      batch = undefined;
    }
    if (!batch) this.#open.set(subject, (batch = { records: [], chars: 0 }));
    batch.records.push(queued);
    batch.chars += queued.text.length + 1;
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#sendOpen);
    }
  }

  #send(subject: string, { records }: OpenBatch): void {
    const data = encoder.encode(auditMessageText(records.map((q) => q.text)));
    publishToStream(this.nc, subject, data, { msgId: messageId(records), expect: { stream: this.stream }, timeoutMs: this.timeoutMs }).then(
      () => {
        for (const q of records) q.stored();
      },
      (err: unknown) => {
        const reason = err instanceof NoStreamForSubject ? `no stream stores ${err.subject}` : String((err as Error).message ?? err);
        const status = transientFault(err) ? 503 : 500;
        for (const q of records) q.refused(AuditNotStored(q.record.request_id, reason, status));
      },
    );
  }
}

function messageId(records: readonly Queued[]): string {
  if (records.length === 1) return records[0]!.record.trace_id;
  return `batch-${createHash('sha256').update(records.map((q) => q.record.trace_id).join(',')).digest('base64url')}`;
}
