import { DiscardPolicy, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DewError, type AuditRecord } from '@dew/contracts';
import { startTestNats, type TestNats } from '@dew/testing';
import { AuditPublisher } from './audit-publisher.js';

let nats: TestNats;
let nc: NatsConnection;
let jsm: JetStreamManager;
beforeAll(async () => {
  nats = await startTestNats();
  nc = await nats.connect({ actsAs: 'kms' });
  jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: 'AUDIT_T', subjects: ['audit-t.>'], duplicate_window: 60_000_000_000 });
  await jsm.streams.add({ name: 'AUDIT_FULL', subjects: ['audit-full.>'], max_msgs: 1, discard: DiscardPolicy.New });
});
afterAll(async () => {
  await nats?.stop();
});

const record = (traceId: string, requestId = `req-${traceId}`): AuditRecord => ({ trace_id: traceId, request_id: requestId, project_id: 'p1', trace_name: 'encryptData' }) as unknown as AuditRecord;
const STREAM_OF: Record<string, string> = { 'audit-t': 'AUDIT_T', 'audit-full': 'AUDIT_FULL', 'audit-none': 'AUDIT_T' };
const publisherOn = (prefix: string, maxInFlight?: number) => new AuditPublisher(nc, (r) => `${prefix}.${r.project_id}`, maxInFlight, 5000, STREAM_OF[prefix]);
const stored = async (stream: string) => (await jsm.streams.info(stream)).state.messages;

describe('AuditPublisher against a real JetStream', () => {
  it('a record is stored once JetStream acks it, with its trace id as Nats-Msg-Id', async () => {
    const before = await stored('AUDIT_T');
    await publisherOn('audit-t').record(record('trace-stored'));
    expect(await stored('AUDIT_T')).toBe(before + 1);
    const msg = await jsm.streams.getMessage('AUDIT_T', { last_by_subj: 'audit-t.p1' });
    expect(msg?.header.get('Nats-Msg-Id')).toBe('trace-stored');
    expect(msg?.json<{ trace_id: string }>().trace_id).toBe('trace-stored');
  });

  it('the same trace id published twice (a retry): both calls succeed, the stream holds it once', async () => {
    const publisher = publisherOn('audit-t');
    const before = await stored('AUDIT_T');
    await publisher.record(record('trace-dup'));
    await publisher.record(record('trace-dup'));
    expect(await stored('AUDIT_T')).toBe(before + 1);
  });

  it('many records over a small in-flight bound: every call resolves and every record is stored', async () => {
    const publisher = publisherOn('audit-t', 2);
    const before = await stored('AUDIT_T');
    await Promise.all(Array.from({ length: 50 }, (_, i) => publisher.record(record(`trace-many-${i}`))));
    expect(await stored('AUDIT_T')).toBe(before + 50);
  });

  it('no stream stores the subject: AuditNotStored (500) naming the request, saying no stream stores it', async () => {
    const refused = await publisherOn('audit-none').record(record('trace-none', 'req-none')).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DewError);
    expect(refused).toMatchObject({ code: 'KMS.0101', status: 500 });
    expect((refused as Error).message).toContain('req-none');
    expect((refused as Error).message).toContain('no stream stores audit-none.p1');
  });

  it('a stream at its limits refuses the record: AuditNotStored with the server\'s description', async () => {
    const publisher = publisherOn('audit-full');
    await publisher.record(record('trace-full-1'));
    const refused = await publisher.record(record('trace-full-2', 'req-full')).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DewError);
    expect(refused).toMatchObject({ code: 'KMS.0101', status: 500 });
    expect((refused as Error).message).toMatch(/req-full.*maximum messages exceeded/);
    expect(await stored('AUDIT_FULL')).toBe(1);
  });

  it('the subject is stored by another stream than the one expected: AuditNotStored, and nothing stored there', async () => {
    const wrongStream = new AuditPublisher(nc, (r) => `audit-t.${r.project_id}`, 8, 5000, 'AUDIT_FULL');
    const before = await stored('AUDIT_T');
    const refused = await wrongStream.record(record('trace-wrong-stream', 'req-wrong')).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DewError);
    expect((refused as Error).message).toMatch(/req-wrong.*expected stream does not match/);
    expect(await stored('AUDIT_T')).toBe(before);
  });
});
