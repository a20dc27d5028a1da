// Sub-path imports only: a replay worker thread loads this module, and a package's index would
// bring its whole module graph (≈ 0.5 s of CPU per worker; docs/performance.md "Replay, round 4").
import type { AuditRecord } from '@dew/contracts/audit';
import { canonicalTextDigest } from '@dew/event-sourcing/model-digest';
import { auditTraceFastText } from '../traces/audit-trace-fast.js';
import { auditRecordsIn } from '../traces/audit-records.js';

/**
 * AUDIT messages as they were read, in stream order, their bytes one after another in one buffer
 * of their own (so it can be handed to a worker thread and back without a copy).
 */
export interface AuditBatch {
  readonly bytes: Uint8Array;
  /** Where each message's bytes end in `bytes`. */
  readonly ends: Uint32Array;
  /** Each message's stream sequence. */
  readonly seqs: Float64Array;
}

/** Each record of a batch, in order: its trace's id, time and document digest, and where it came from. */
export interface DigestedAudit {
  readonly ids: readonly string[];
  /** '' where the record takes the general path (its modules are not loaded here): the fold digests it. */
  readonly digests: readonly string[];
  readonly times: Float64Array;
  /** The record's message, as its index in the batch. */
  readonly messages: Uint32Array;
  /** The record's place in its message (auditRecordsOf). */
  readonly indexes: Uint32Array;
}


export function auditMessageBytes(batch: AuditBatch, message: number): Uint8Array {
  return batch.bytes.subarray(message === 0 ? 0 : batch.ends[message - 1], batch.ends[message]);
}

/** The records of one message of a batch, parsed again (the replay keeps no record objects). */
/** A message's records; none for one that holds no audit records, skipped as the trace index skips it (auditRecordsIn). */
export function auditRecordsAt(batch: AuditBatch, message: number): AuditRecord[] {
  const records = auditRecordsIn(auditMessageBytes(batch, message));
  return Array.isArray(records) ? records : [];
}

/**
 * Parses every record of a batch and digests its trace document (what wholeDigest of the trace
 * the live index keeps gives: auditTraceFastText), or leaves '' where the record takes the general
 * path. Runs in a worker thread or in the replay's own (audit-digester.ts): a pure function of the
 * bytes and kms-domain's default enterprise project.
 */
export function digestAuditBatch(batch: AuditBatch, defaultEnterpriseProject: string): DigestedAudit {
  const ids: string[] = [];
  const digests: string[] = [];
  const times: number[] = [];
  const messages: number[] = [];
  const indexes: number[] = [];
  for (let m = 0; m < batch.ends.length; m++) {
    const records = auditRecordsAt(batch, m);
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      const text = auditTraceFastText(record, defaultEnterpriseProject);
      digests.push(text === undefined ? '' : canonicalTextDigest(text));
      ids.push(record.trace_id);
      times.push(record.time);
      messages.push(m);
      indexes.push(i);
    }
  }
  return { ids, digests, times: Float64Array.from(times), messages: Uint32Array.from(messages), indexes: Uint32Array.from(indexes) };
}

/** Bytes a batch is given before it is handed over: a few hundred audit records. */
const BATCH_BYTES = 256 * 1024;
const BATCH_MESSAGES = 512;

/** Collects messages' bytes into batches of about BATCH_BYTES (a message larger than that is a batch of its own). */
export class AuditBatcher {
  private bytes = new Uint8Array(BATCH_BYTES);
  private used = 0;
  private readonly ends: number[] = [];
  private readonly seqs: number[] = [];

  /** Adds a message; answers the batch it completed, if any (the message itself is in the next one then). */
  add(data: Uint8Array, seq: number): AuditBatch | undefined {
    let full: AuditBatch | undefined;
    if (this.ends.length > 0 && (this.used + data.length > this.bytes.length || this.ends.length >= BATCH_MESSAGES)) full = this.take();
    if (data.length > this.bytes.length) this.bytes = new Uint8Array(data.length);
    this.bytes.set(data, this.used);
    this.used += data.length;
    this.ends.push(this.used);
    this.seqs.push(seq);
    return full;
  }

  /** What was added since the last batch, as one (undefined: nothing). */
  take(): AuditBatch | undefined {
    if (this.ends.length === 0) return undefined;
    const batch = { bytes: this.bytes.subarray(0, this.used), ends: Uint32Array.from(this.ends), seqs: Float64Array.from(this.seqs) };
    this.bytes = new Uint8Array(BATCH_BYTES);
    this.used = 0;
    this.ends.length = 0;
    this.seqs.length = 0;
    return batch;
  }
}
