import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { auditMessageText, type AuditRecord } from '@dew/contracts';
import { wholeDigest } from '@dew/event-sourcing';
import { DEFAULT_ENTERPRISE_PROJECT_ID } from '@dew/kms-domain';
import { fromAuditRecord, traceDoc } from '../traces/to-traces.js';
import { AuditBatcher, digestAuditBatch } from './audit-batches.js';
import { defaultAuditThreads, inThreadDigester, workerDigester } from './audit-digester.js';
import { AuditTrace, AuditTraceFold } from './audit-fold.js';

const record = (id: string, extra: object = {}): AuditRecord => ({
  trace_id: id, trace_name: 'encryptData', trace_rating: 'normal', trace_type: 'ApiCall', service_type: 'KMS', resource_type: 'cmk', resource_id: 'k',
  resource_name: 'alias', code: '200', user: { id: 'u1', name: 'alice', domain: { id: 'd1' } }, source_ip: '127.0.0.1', request: { key_id: 'k' },
  time: 1_700_000_000_000, request_id: 'r', api_version: 'v1.0', project_id: 'p1', ...extra,
});
const batchOf = (...records: AuditRecord[]) => {
  const batcher = new AuditBatcher();
  batcher.add(new TextEncoder().encode(auditMessageText(records.map((r) => JSON.stringify(r)))), 7);
  return batcher.take()!;
};

describe('AUDIT digesters (audit-digester.ts)', () => {
  let dir: string;
  /** A worker file of the test's own (plain JS, so it runs under jest as built code would). */
  const workerFile = (name: string, code: string): URL => {
    const path = join(dir, name);
    writeFileSync(path, code);
    return pathToFileURL(path);
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dew-audit-digester-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('default pool size: none on one CPU, one per CPU but one from two on, at most four', () => {
    expect([1, 2, 3, 4, 8, 64].map((cpus) => defaultAuditThreads(cpus))).toEqual([0, 1, 2, 3, 4, 4]);
  });

  it('a record the fast writer does not cover (an unknown key): the digester leaves its digest empty, the fold digests it by the general path', async () => {
    const odd = record('odd', { later_field: 'x' });
    const batch = batchOf(record('plain'), odd);
    expect(digestAuditBatch(batch, DEFAULT_ENTERPRISE_PROJECT_ID).digests.map((d) => d.length)).toEqual([64, 0]);
    const traces = new Map<string, AuditTrace | object>();
    const fold = new AuditTraceFold(traces, inThreadDigester());
    void fold.submit(batch);
    await fold.finish();
    expect((traces.get('odd') as AuditTrace).digest).toBe(wholeDigest(traceDoc(fromAuditRecord(odd, 0).trace)));
    expect((traces.get('odd') as AuditTrace).doc).toEqual(traceDoc(fromAuditRecord(odd, 0).trace));
  });

  it('a worker that dies on its first batch: that batch and every later one handed to it reject, and the fold fails loudly with nothing folded', async () => {
    const dying = workerFile('dying.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    const digester = workerDigester(dying, 1);
    try {
      const traces = new Map<string, AuditTrace | object>();
      const fold = new AuditTraceFold(traces, digester);
      void fold.submit(batchOf(record('a')));
      await expect(fold.finish()).rejects.toThrow('a replay worker stopped (exit code 3)');
      await expect(digester.digest(batchOf(record('b')))).rejects.toThrow('a replay worker stopped (exit code 3)');
      expect(traces.size).toBe(0);
    } finally {
      await digester.close();
    }
  });

  it('a worker whose module fails to load: the batch handed to it rejects with the load error', async () => {
    const broken = workerFile('broken.mjs', "throw new Error('module graph failed');\n");
    const digester = workerDigester(broken, 2);
    try {
      await expect(digester.digest(batchOf(record('a')))).rejects.toThrow('module graph failed');
    } finally {
      await digester.close();
    }
  });
});
