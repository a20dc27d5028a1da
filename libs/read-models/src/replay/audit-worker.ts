import { parentPort } from 'node:worker_threads';
import { digestAuditBatch, type AuditBatch } from './audit-batches.js';

/**
 * A replay worker thread (audit-digester.ts): digests the AUDIT batches it is handed, in the order
 * they come, and hands each batch's buffers back with its digests.
 */
parentPort?.on('message', (batch: AuditBatch) => {
  const buffers = [batch.bytes.buffer, batch.ends.buffer, batch.seqs.buffer] as ArrayBuffer[];
  try {
    const digested = digestAuditBatch(batch);
    parentPort!.postMessage({ batch, digested }, [...buffers, digested.times.buffer, digested.messages.buffer, digested.indexes.buffer] as ArrayBuffer[]);
  } catch (err) {
    parentPort!.postMessage({ batch, error: err instanceof Error ? err.message : String(err) }, buffers);
  }
});
