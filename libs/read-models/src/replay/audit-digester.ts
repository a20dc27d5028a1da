import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEFAULT_ENTERPRISE_PROJECT_ID } from '@dew/kms-domain';
import { digestAuditBatch, type AuditBatch, type DigestedAudit } from './audit-batches.js';
import type { AuditWorkerData } from './audit-worker.js';

/** A batch back from its digester: the batch itself (its buffers were handed over and back) and its records' digests. */
export interface DigestedBatch {
  readonly batch: AuditBatch;
  readonly digested: DigestedAudit;
}

/** Digests AUDIT batches; answers each in its own time (the fold puts them back in stream order). */
export interface AuditDigester {
  readonly threads: number;
  digest(batch: AuditBatch): Promise<DigestedBatch>;
  close(): Promise<void>;
}

/** In the replay's own thread: where no worker file is built (tests that import the sources) or none is asked for. */
export const inThreadDigester = (): AuditDigester => ({
  threads: 0,
  // A batch that cannot be read rejects, as from a worker.
  digest: (batch) => new Promise((resolve) => resolve({ batch, digested: digestAuditBatch(batch, DEFAULT_ENTERPRISE_PROJECT_ID) })),
  close: () => Promise.resolve(),
});

/** The worker beside this module: the built audit-worker.js (absent beside the TypeScript sources). */
export function builtWorkerFile(): URL | undefined {
  const url = new URL('./audit-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

type Reply = { batch: AuditBatch; digested: DigestedAudit } | { batch: AuditBatch; error: string };

/**
 * `count` worker threads running `file`, handed batches in turn. A worker answers its batches in
 * the order it got them, so each keeps a FIFO of the answers it owes. A worker that dies fails
 * what it owes and every later batch handed to it.
 */
export function workerDigester(file: URL, count: number): AuditDigester {
  const pool = Array.from({ length: count }, () => {
    const workerData: AuditWorkerData = { defaultEnterpriseProject: DEFAULT_ENTERPRISE_PROJECT_ID };
    const worker = new Worker(file, { workerData });
    const owed: Array<{ resolve: (r: DigestedBatch) => void; reject: (e: Error) => void }> = [];
    let failure: Error | undefined;
    const fail = (err: Error): void => {
      failure ??= err;
      for (const p of owed.splice(0)) p.reject(failure);
    };
    worker.on('message', (reply: Reply) => {
      const p = owed.shift();
      if ('error' in reply) p?.reject(new Error(`an AUDIT message could not be read: ${reply.error}`));
      else p?.resolve(reply);
    });
    worker.on('error', fail);
    // A reply that cannot be deserialised would leave its batch owed for good: the replay fails instead.
    worker.on('messageerror', (err) => fail(err instanceof Error ? err : new Error(`a replay worker's answer could not be read: ${String(err)}`)));
    worker.on('exit', (code) => fail(new Error(`a replay worker stopped (exit code ${code})`)));
    return { worker, owed, failed: () => failure };
  });
  let next = 0;
  return {
    threads: count,
    digest(batch) {
      const w = pool[next++ % count]!;
      const failed = w.failed();
      if (failed) return Promise.reject(failed);
      return new Promise<DigestedBatch>((resolve, reject) => {
        w.owed.push({ resolve, reject });
        w.worker.postMessage(batch, [batch.bytes.buffer, batch.ends.buffer, batch.seqs.buffer] as ArrayBuffer[]);
      });
    },
    async close() {
      await Promise.all(pool.map((w) => w.worker.terminate()));
    },
  };
}

/** Workers at most: nats-server and the services share the machine. */
const MAX_THREADS = 4;

/**
 * Worker threads by default: one per CPU but the one the replay's own thread (reading the stream,
 * folding) and nats-server keep busy, at most MAX_THREADS; none on one CPU. On two CPUs one worker
 * costs less CPU per event than two for about the same rate (docs/performance.md "Replay, round
 * 4"). A worker loads only the sub-path modules of the digest (≈ 20 ms of CPU).
 */
export const defaultAuditThreads = (cpus = availableParallelism()): number => Math.min(Math.max(cpus - 1, 0), MAX_THREADS);

/**
 * `threads` workers (default defaultAuditThreads()) where a built worker file is there, else this
 * thread (tests of the sources: jest runs no built file; 0 threads). `file`: another worker file (a
 * test of the sources runs the built one).
 */
export function auditDigester(opts: { readonly threads?: number; readonly file?: URL } = {}): AuditDigester {
  const threads = opts.threads ?? defaultAuditThreads();
  const file = opts.file ?? builtWorkerFile();
  return threads > 0 && file !== undefined ? workerDigester(file, threads) : inThreadDigester();
}
