import { DiscardPolicy, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DewError, auditRecordsOf, type AuditRecord } from '@dew/contracts';
import { startTestNats, type TestNats } from '@dew/testing';
import { AUDIT_BATCH_RECORDS, AuditPublisher } from './audit-publisher.js';

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

const record = (traceId: string, requestId = `req-${traceId}`, projectId = 'p1'): AuditRecord => ({ trace_id: traceId, request_id: requestId, project_id: projectId, trace_name: 'encryptData' }) as unknown as AuditRecord;
const STREAM_OF: Record<string, string> = { 'audit-t': 'AUDIT_T', 'audit-full': 'AUDIT_FULL', 'audit-none': 'AUDIT_T' };
const publisherOn = (prefix: string, maxInFlight?: number) => new AuditPublisher(nc, (r) => `${prefix}.${r.project_id}`, maxInFlight, 5000, STREAM_OF[prefix]);
const stored = async (stream: string) => (await jsm.streams.info(stream)).state.messages;
const lastSeq = async (stream: string) => (await jsm.streams.info(stream)).state.last_seq;
/** The records of each message after `after`, in stream order, as trace ids. */
async function messagesAfter(stream: string, after: number): Promise<Array<{ subject: string; msgId: string | undefined; traceIds: string[] }>> {
  const out = [];
  for (let seq = after + 1; seq <= (await lastSeq(stream)); seq++) {
    const msg = await jsm.streams.getMessage(stream, { seq });
    out.push({ subject: msg!.subject, msgId: msg!.header.get('Nats-Msg-Id'), traceIds: auditRecordsOf(new TextDecoder().decode(msg!.data)).map((r) => r.trace_id) });
  }
  return out;
}

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
    const after = await lastSeq('AUDIT_T');
    const ids = Array.from({ length: 50 }, (_, i) => `trace-many-${i}`);
    await Promise.all(ids.map((id) => publisher.record(record(id))));
    const messages = await messagesAfter('AUDIT_T', after);
    expect(messages.flatMap((m) => m.traceIds)).toEqual(ids);
    // The bound holds: no message held more records than may be in flight at once.
    expect(Math.max(...messages.map((m) => m.traceIds.length))).toBeLessThanOrEqual(2);
  });

  it('no stream answers the subject (none stores it, or its leader is being elected): AuditNotStored as 503 naming the request, saying no stream stores it', async () => {
    const refused = await publisherOn('audit-none').record(record('trace-none', 'req-none')).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DewError);
    expect(refused).toMatchObject({ code: 'KMS.0101', status: 503 });
    expect((refused as Error).message).toContain('req-none');
    expect((refused as Error).message).toContain('no stream stores audit-none.p1');
  });

  it('a stream at its limits refuses the record: AuditNotStored (500, no fault of the moment) with the server\'s description', async () => {
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

  it('records made in one event-loop turn for one subject: one message holding them in call order, every call resolved by its ack', async () => {
    const publisher = publisherOn('audit-t');
    const after = await lastSeq('AUDIT_T');
    const ids = Array.from({ length: 10 }, (_, i) => `trace-turn-${i}`);
    await Promise.all(ids.map((id) => publisher.record(record(id))));
    const messages = await messagesAfter('AUDIT_T', after);
    expect(messages.map((m) => m.traceIds)).toEqual([ids]);
    expect(messages[0]!.msgId).toMatch(/^batch-[\w-]{43}$/);
  });

  it('one turn, two projects: one message per subject, each holding only its project\'s records', async () => {
    const publisher = publisherOn('audit-t');
    const after = await lastSeq('AUDIT_T');
    await Promise.all([record('p1-a', 'r1', 'p1'), record('p2-a', 'r2', 'p2'), record('p1-b', 'r3', 'p1')].map((r) => publisher.record(r)));
    const messages = await messagesAfter('AUDIT_T', after);
    expect(messages.map((m) => [m.subject, m.traceIds]).sort()).toEqual([['audit-t.p1', ['p1-a', 'p1-b']], ['audit-t.p2', ['p2-a']]]);
  });

  it(`more than ${AUDIT_BATCH_RECORDS} records in one turn: messages of at most ${AUDIT_BATCH_RECORDS}, every record stored once, in order`, async () => {
    const publisher = publisherOn('audit-t');
    const after = await lastSeq('AUDIT_T');
    const ids = Array.from({ length: AUDIT_BATCH_RECORDS * 2 + 5 }, (_, i) => `trace-over-${i}`);
    await Promise.all(ids.map((id) => publisher.record(record(id))));
    const messages = await messagesAfter('AUDIT_T', after);
    expect(messages.map((m) => m.traceIds.length)).toEqual([AUDIT_BATCH_RECORDS, AUDIT_BATCH_RECORDS, 5]);
    expect(messages.flatMap((m) => m.traceIds)).toEqual(ids);
  });

  it('a message the stream refuses: every call whose record it held fails with AuditNotStored naming its own request', async () => {
    const publisher = publisherOn('audit-none');
    const results = await Promise.all(['x', 'y'].map((id) => publisher.record(record(`trace-refused-${id}`, `req-refused-${id}`)).catch((err: unknown) => err)));
    expect(results.map((err) => (err as DewError).code)).toEqual(['KMS.0101', 'KMS.0101']);
    expect((results[0] as Error).message).toContain('req-refused-x');
    expect((results[1] as Error).message).toContain('req-refused-y');
  });
});

