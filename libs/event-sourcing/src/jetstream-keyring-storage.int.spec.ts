import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { ensureStream, resetStreamAnomalies, streamAnomalies } from '@dew/event-store';
import { startTestNats, type TestNats } from '@dew/testing';
import { JetStreamKeyringStorage } from './jetstream-keyring-storage.js';

let nats: TestNats;
let nc: NatsConnection;
let storage: JetStreamKeyringStorage;
const subjectOf = (owner: string) => `keyring.t.${owner}`;
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));
/** An entry as a root key wrapped it before versions (first byte 0x01: a file or env key's wrap). */
const legacyWrap = Uint8Array.from([0x01, 7, 7, 7, 7]);

beforeAll(async () => {
  nats = await startTestNats();
  nc = await nats.connect({ name: 'keyring-storage' });
  await ensureStream(await jetstreamManager(nc), { name: 'KEYRING_T', subjects: ['keyring.t.>'] });
  storage = new JetStreamKeyringStorage(nc, 'KEYRING_T', subjectOf);
});
afterAll(async () => { await nats.stop(); });
beforeEach(() => resetStreamAnomalies());

/** What a request naming the entry's subject as its reply subject leaves there: nats-server's answer, stored. */
async function strayAnswerOn(subject: string): Promise<void> {
  nc.publish('$JS.API.STREAM.INFO.KEYRING_T', '', { reply: subject });
  await nc.flush();
  await new Promise((r) => setTimeout(r, 100));
}

describe('JetStreamKeyringStorage.get with stray messages on the entry\'s subject', () => {
  it('an answer stored on top of a bound entry: the entry is read, the stray one recorded', async () => {
    await storage.putNew('o1', bytes('entry-1'));
    await strayAnswerOn(subjectOf('o1'));
    expect(text(await storage.get('o1'))).toBe('entry-1');
    expect(streamAnomalies()['foreign-message']?.['KEYRING_T']?.last.subject).toBe(subjectOf('o1'));
  });

  it('an entry from before the binding (no header) under a stray answer: the first message of the subject is the entry', async () => {
    await jetstream(nc).publish(subjectOf('o3'), legacyWrap);
    await strayAnswerOn(subjectOf('o3'));
    expect(await storage.get('o3')).toEqual(legacyWrap);
  });

  it('an entry from before the binding, alone on its subject: read, and no anomaly recorded', async () => {
    await jetstream(nc).publish(subjectOf('o6'), legacyWrap);
    expect(await storage.get('o6')).toEqual(legacyWrap);
    expect(streamAnomalies()).toEqual({});
  });

  it('only stray answers on a subject (no entry): null, as for an owner with no entry', async () => {
    await strayAnswerOn(subjectOf('o4'));
    expect(await storage.get('o4')).toBeNull();
  });

  it('erase removes the entry and the stray messages: nothing is read back', async () => {
    await storage.putNew('o5', bytes('entry-5'));
    await strayAnswerOn(subjectOf('o5'));
    await storage.erase('o5');
    expect(await storage.get('o5')).toBeNull();
  });
});
