import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { startTestNats, type TestNats } from '@dew/testing';
import { DuplicateInProcess, publishToStream, WrongLastSequence } from './stream-publish.js';

let nats: TestNats;
let nc: NatsConnection;
let jsm: JetStreamManager;
const data = new TextEncoder().encode('{}');

beforeAll(async () => {
  nats = await startTestNats();
  nc = await nats.connect({ name: 'stream-publish' });
  jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: 'PUB', subjects: ['pub.>'], duplicate_window: 120_000_000_000 });
});
afterAll(async () => { await nats.stop(); });

describe('publishToStream', () => {
  it('stores the message with its headers and answers its stream sequence', async () => {
    const ack = await publishToStream(nc, 'pub.a', data, { msgId: 'm-1', expect: { lastSubjectSequence: 0 }, headers: { 'Dew-Request-Id': 'r-1' } });
    const stored = await jsm.streams.getMessage('PUB', { seq: ack.seq });
    expect(ack.duplicate).toBe(false);
    expect(stored?.subject).toBe('pub.a');
    expect(stored?.header.get('Dew-Request-Id')).toBe('r-1');
  });

  it('with a message id already stored: duplicate, the original sequence', async () => {
    const first = await publishToStream(nc, 'pub.b', data, { msgId: 'm-2' });
    const again = await publishToStream(nc, 'pub.b', data, { msgId: 'm-2' });
    expect(again).toEqual({ seq: first.seq, duplicate: true });
  });

  it('with a stale expected subject sequence: WrongLastSequence naming the actual one, nothing stored', async () => {
    const { seq } = await publishToStream(nc, 'pub.c', data, { expect: { lastSubjectSequence: 0 } });
    const before = (await jsm.streams.info('PUB')).state.last_seq;
    const refused = await publishToStream(nc, 'pub.c', data, { expect: { lastSubjectSequence: 0 } }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(WrongLastSequence);
    expect((refused as WrongLastSequence).actual).toBe(seq);
    expect((await jsm.streams.info('PUB')).state.last_seq).toBe(before);
  });

  it('with a stale expected stream sequence: WrongLastSequence', async () => {
    await expect(publishToStream(nc, 'pub.d', data, { expect: { lastSequence: 0 } })).rejects.toBeInstanceOf(WrongLastSequence);
  });

  it('to a subject no stream captures: rejects naming the subject', async () => {
    await expect(publishToStream(nc, 'nowhere.x', data, {})).rejects.toThrow('no JetStream stream captures subject nowhere.x');
  });

  /** Answers every publish on `subject` with `ack` (a clustered 2.11+ answer this single-node server does not give). */
  async function scripted(subject: string, ack: object, publish: () => Promise<unknown>): Promise<unknown> {
    const sub = nc.subscribe(subject, { callback: (_err, msg) => void msg.respond(JSON.stringify(ack)) });
    try {
      return await publish().catch((err: unknown) => err);
    } finally {
      sub.unsubscribe();
    }
  }

  it('answered "duplicate message id is in process" (10158): DuplicateInProcess, a publish that may yet be stored', async () => {
    const refused = await scripted('scripted.in-process', { error: { code: 409, err_code: 10158, description: 'duplicate message id is in process' } }, () => publishToStream(nc, 'scripted.in-process', data, { msgId: 'm-3' }));
    expect(refused).toBeInstanceOf(DuplicateInProcess);
    expect((refused as DuplicateInProcess).subject).toBe('scripted.in-process');
  });

  it('answered "wrong last sequence" without a number (10164, clustered 2.11+): WrongLastSequence, the actual sequence unknown', async () => {
    const refused = await scripted('scripted.wrong-last', { error: { code: 400, err_code: 10164, description: 'wrong last sequence' } }, () => publishToStream(nc, 'scripted.wrong-last', data, { expect: { lastSubjectSequence: 3 } }));
    expect(refused).toBeInstanceOf(WrongLastSequence);
    expect((refused as WrongLastSequence).actual).toBeUndefined();
  });
});
