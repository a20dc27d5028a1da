import type { AuditRecord } from '@dew/contracts';
import { canonicalTextDigest } from '@dew/event-sourcing';
import { auditTraceGeneralText } from '../traces/audit-trace-text.js';
import { fromAuditRecord, traceDoc } from '../traces/to-traces.js';
import { auditRecordsAt, type AuditBatch } from './audit-batches.js';
import type { AuditDigester, DigestedBatch } from './audit-digester.js';

/**
 * A trace folded from an AUDIT record, as the rebuilt document the replay lists (rebuild.ts'
 * RebuiltDoc): one object per record, nothing more, since there are most of them. Every record is a
 * trace of its own (a second record with the same id, were there one, replaces it, so versions stay
 * exact), digested as it is folded; only its batch (the messages' bytes, shared by all its records)
 * and its place there are kept, not the record. Its document is built again from those only where
 * a bucket differs (compare.ts reads `doc` there only).
 */
export class AuditTrace {
  constructor(
    readonly id: string,
    readonly seq: number,
    readonly time: number,
    readonly digest: string,
    readonly batch: AuditBatch,
    readonly message: number,
    readonly index: number,
  ) {}

  /** The record, parsed again from its batch. */
  get record(): AuditRecord {
    return auditRecordsAt(this.batch, this.message)[this.index]!;
  }

  get doc(): unknown {
    return traceDoc(fromAuditRecord(this.record, 0).trace);
  }
}

/** Batches digested and not yet folded, at most (each a few hundred records): the rest wait in the stream. */
const IN_FLIGHT = 6;

/**
 * Folds AUDIT batches into `traces` in stream order, whichever order the digester answers them in
 * (a worker thread may finish a later batch first): the last record with an id wins, as a fold of
 * the messages one by one does.
 */
export class AuditTraceFold {
  private tail: Promise<void> = Promise.resolve();
  private readonly inFlight: Array<Promise<void>> = [];
  private folded = 0;

  constructor(private readonly traces: Map<string, AuditTrace | object>, private readonly digester: AuditDigester) {}

  /** Records folded so far. */
  get events(): number {
    return this.folded;
  }

  /** Hands a batch over; answers a promise to wait for when too many are in flight (the caller's backpressure). */
  submit(batch: AuditBatch): Promise<void> | undefined {
    const digested = this.digester.digest(batch);
    digested.catch(() => undefined); // reported in order, through the tail
    this.tail = this.tail.then(() => digested).then((d) => this.apply(d));
    this.tail.catch(() => undefined); // a failed run is reported by `reached` or finish(), never unhandled
    this.inFlight.push(this.tail);
    return this.inFlight.length > IN_FLIGHT ? this.inFlight.shift() : undefined;
  }

  /** Resolves once every batch handed over is folded; rejects with the first batch that failed. */
  async finish(): Promise<void> {
    this.inFlight.length = 0;
    await this.tail;
  }

  private apply({ batch, digested }: DigestedBatch): void {
    const { ids, digests, times, messages, indexes } = digested;
    for (let r = 0; r < ids.length; r++) {
      const message = messages[r]!;
      const index = indexes[r]!;
      // '': a record the digester's writer does not cover, digested here by the general path (which fails where the live index's would).
      const digest = digests[r] || canonicalTextDigest(auditTraceGeneralText(auditRecordsAt(batch, message)[index]!));
      this.traces.set(ids[r]!, new AuditTrace(ids[r]!, batch.seqs[message]!, times[r]!, digest, batch, message, index));
    }
    this.folded += ids.length;
  }
}
