import { auditMessageText, type AuditRecord } from '@dew/contracts';
import { wholeDigest } from '@dew/event-sourcing';
import { DEFAULT_ENTERPRISE_PROJECT_ID } from '@dew/kms-domain';
import { fromAuditRecord, traceDoc } from '../traces/to-traces.js';
import { AuditBatcher, auditRecordsAt, digestAuditBatch, type AuditBatch } from './audit-batches.js';
import { inThreadDigester, type AuditDigester, type DigestedBatch } from './audit-digester.js';
import { AuditTrace, AuditTraceFold } from './audit-fold.js';

const record = (id: string, n: number): AuditRecord => ({
  trace_id: id, trace_name: 'encryptData', trace_rating: 'normal', trace_type: 'ApiCall', service_type: 'KMS', resource_type: 'cmk', resource_id: `k-${n}`,
  resource_name: 'alias', code: '200', user: { id: 'u1', name: 'alice', domain: { id: 'd1' } }, source_ip: '127.0.0.1', request: { key_id: `k-${n}` },
  time: 1_700_000_000_000 + n, request_id: `r-${n}`, api_version: 'v1.0', project_id: 'p1',
});
const bytes = (records: AuditRecord[]) => new TextEncoder().encode(auditMessageText(records.map((r) => JSON.stringify(r))));

/** A digester that answers its batches in the reverse order (as a second worker finishing first would). */
function reversingDigester(): AuditDigester & { release(): void } {
  const held: Array<{ batch: AuditBatch; resolve: (d: DigestedBatch) => void }> = [];
  return {
    threads: 2,
    digest: (batch) => new Promise((resolve) => held.push({ batch, resolve })),
    release() {
      for (const { batch, resolve } of held.splice(0).reverse()) resolve({ batch, digested: digestAuditBatch(batch, DEFAULT_ENTERPRISE_PROJECT_ID) });
    },
    close: () => Promise.resolve(),
  };
}

describe('AUDIT batches folded into the traces (audit-fold.ts)', () => {
  it('batches answered out of order: folded in stream order, so the last record with an id wins with its own sequence, digest and document', async () => {
    const traces = new Map<string, AuditTrace | object>();
    const digester = reversingDigester();
    const fold = new AuditTraceFold(traces, digester);
    const first = [record('a', 1), record('b', 2)];
    const second = [record('a', 3)]; // the same id again, later in the stream
    const batcher = new AuditBatcher();
    expect(batcher.add(bytes(first), 10)).toBeUndefined();
    void fold.submit(batcher.take()!);
    batcher.add(bytes([record('c', 4)]), 11);
    batcher.add(bytes(second), 12);
    void fold.submit(batcher.take()!);
    digester.release();
    await fold.finish();
    expect(fold.events).toBe(4);
    const a = traces.get('a') as AuditTrace;
    expect([a.seq, a.time]).toEqual([12, 1_700_000_000_003]);
    expect(a.digest).toBe(wholeDigest(traceDoc(fromAuditRecord(second[0]!, 0).trace)));
    expect(a.record).toEqual(second[0]);
    expect(a.doc).toEqual(traceDoc(fromAuditRecord(second[0]!, 0).trace));
    expect((traces.get('b') as AuditTrace).seq).toBe(10);
    expect((traces.get('c') as AuditTrace).seq).toBe(11);
  });

  it('a message that holds no audit records (a JSON string, a JetStream answer, bytes): skipped as the trace index skips it, the records around it folded', async () => {
    const traces = new Map<string, AuditTrace | object>();
    const fold = new AuditTraceFold(traces, inThreadDigester());
    const batcher = new AuditBatcher();
    batcher.add(new TextEncoder().encode('"just a string"'), 1);
    batcher.add(bytes([record('y', 1)]), 2);
    batcher.add(new TextEncoder().encode('{"type":"io.nats.jetstream.api.v1.stream_info_response"}'), 3);
    batcher.add(Uint8Array.of(0xff, 0x06, 0x00), 4);
    batcher.add(bytes([record('z', 2)]), 5);
    void fold.submit(batcher.take()!);
    await fold.finish();
    expect([...traces.keys()].sort()).toEqual(['y', 'z']);
    expect(fold.events).toBe(2);
  });

  it('a batch whose digest fails: finish rejects with its error, and the later batches are not folded', async () => {
    const traces = new Map<string, AuditTrace | object>();
    const failing: AuditDigester = { threads: 1, digest: () => Promise.reject(new Error('worker died')), close: () => Promise.resolve() };
    const fold = new AuditTraceFold(traces, failing);
    const batcher = new AuditBatcher();
    batcher.add(bytes([record('y', 1)]), 1);
    void fold.submit(batcher.take()!);
    batcher.add(bytes([record('z', 1)]), 2);
    void fold.submit(batcher.take()!);
    await expect(fold.finish()).rejects.toThrow('worker died');
    expect(traces.size).toBe(0);
  });

  it('the batcher: messages kept in order across batches, one larger than a batch alone in its own, every record read back from its place', () => {
    const batcher = new AuditBatcher();
    const batches: AuditBatch[] = [];
    const big = Array.from({ length: 700 }, (_, n) => record(`big-${n}`, n)); // > 256 KiB of JSON
    const messages = [[record('m0', 0)], big, [record('m2', 2), record('m3', 3)]];
    messages.forEach((m, seq) => { const full = batcher.add(bytes(m), seq + 1); if (full) batches.push(full); });
    batches.push(batcher.take()!);
    expect(batcher.take()).toBeUndefined();
    expect(batches.map((b) => [...b.seqs])).toEqual([[1], [2], [3]]);
    expect(bytes(big).length).toBeGreaterThan(256 * 1024);
    expect(batches.flatMap((b) => [...b.seqs].map((_, m) => auditRecordsAt(b, m)))).toEqual(messages);
    expect(digestAuditBatch(batches[1]!, DEFAULT_ENTERPRISE_PROJECT_ID).ids).toEqual(big.map((r) => r.trace_id));
  });
});
