import { parentPort, workerData } from 'node:worker_threads';
import { digestAuditBatch, type AuditBatch } from './audit-batches.js';

/** What a worker is started with instead of importing the domain that holds it. */
export interface AuditWorkerData {
  readonly defaultEnterpriseProject: string;
}

const { defaultEnterpriseProject } = workerData as AuditWorkerData;

/**
 * A replay worker thread (audit-digester.ts): digests the AUDIT batches it is handed, in the order
 * they come, and hands each batch's buffers back with its digests. Its imports are sub-paths and
 * modules that import no package index, so it starts in ≈ 20 ms (docs/performance.md "Replay, round 4").
 */
parentPort?.on('message', (batch: AuditBatch) => {
  const buffers = [batch.bytes.buffer, batch.ends.buffer, batch.seqs.buffer] as ArrayBuffer[];
  try {
    const digested = digestAuditBatch(batch, defaultEnterpriseProject);
    parentPort!.postMessage({ batch, digested }, [...buffers, digested.times.buffer, digested.messages.buffer, digested.indexes.buffer] as ArrayBuffer[]);
  } catch (err) {
    parentPort!.postMessage({ batch, error: err instanceof Error ? err.message : String(err) }, buffers);
  }
});
