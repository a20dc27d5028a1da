import { jetstreamManager, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { startTestNats, type TestNats } from '@dew/testing';
import { ensureStream } from './streams.js';

let nats: TestNats;
let jsm: JetStreamManager;
beforeAll(async () => {
  nats = await startTestNats();
  jsm = await jetstreamManager(await nats.connect());
});
afterAll(async () => { await nats.stop(); });

const MINUTE_NS = 60_000 * 1_000_000;

/** Counts the stream updates ensureStream sends. */
function countUpdates(): () => number {
  const original = jsm.streams.update.bind(jsm.streams);
  let calls = 0;
  jsm.streams.update = (...args) => { calls++; return original(...args); };
  return () => calls;
}

describe('ensureStream', () => {
  it('on a missing stream creates it file-backed with a 2 minute duplicate window', async () => {
    const info = await ensureStream(jsm, { name: 'EVT_NEW', subjects: ['evt.new.>'] });
    expect(info.config).toMatchObject({ storage: StorageType.File, subjects: ['evt.new.>'], duplicate_window: 2 * MINUTE_NS, max_age: 0 });
  });

  it('called again with the same config sends no update', async () => {
    await ensureStream(jsm, { name: 'EVT_SAME', subjects: ['evt.same.>'], maxMsgSize: 65536 });
    const updates = countUpdates();
    const info = await ensureStream(jsm, { name: 'EVT_SAME', subjects: ['evt.same.>'], maxMsgSize: 65536 });
    expect(updates()).toBe(0);
    expect(info.config.max_msg_size).toBe(65536);
  });

  it('update: true with a changed max age and subjects updates the existing stream and keeps its messages', async () => {
    await ensureStream(jsm, { name: 'EVT_CHG', subjects: ['evt.chg.>'] });
    await jsm.jetstream().publish('evt.chg.a', 'kept');
    const info = await ensureStream(jsm, { name: 'EVT_CHG', subjects: ['evt.chg.>', 'evt.chg2.>'], maxAgeMs: 7 * 24 * 60 * MINUTE_NS / 1_000_000, update: true });
    expect(info.config.subjects).toEqual(['evt.chg.>', 'evt.chg2.>']);
    expect(info.config.max_age).toBe(7 * 24 * 60 * MINUTE_NS);
    expect(info.state.messages).toBe(1);
  });

  it('by default creates a missing stream but leaves an existing one as it was provisioned', async () => {
    await ensureStream(jsm, { name: 'AUDIT_OWNED', subjects: ['owned.>'], maxAgeMs: 2 * 86_400_000 });
    const updates = countUpdates();
    const info = await ensureStream(jsm, { name: 'AUDIT_OWNED', subjects: ['owned.>'], maxAgeMs: 7 * 86_400_000 });
    expect(updates()).toBe(0);
    expect(info.config.max_age).toBe(2 * 86_400_000 * 1_000_000);
    const created = await ensureStream(jsm, { name: 'AUDIT_NEW', subjects: ['fresh.>'], maxAgeMs: 86_400_000 });
    expect(created.config.max_age).toBe(86_400_000 * 1_000_000);
  });

  it('with a max age shorter than 2 minutes uses that age as the duplicate window', async () => {
    const info = await ensureStream(jsm, { name: 'EVT_SHORT', subjects: ['evt.short.>'], maxAgeMs: 30_000 });
    expect(info.config.duplicate_window).toBe(30_000 * 1_000_000);
  });

  it('on an existing memory stream refuses instead of converting it', async () => {
    await jsm.streams.add({ name: 'EVT_MEM', subjects: ['evt.mem.>'], storage: StorageType.Memory });
    await expect(ensureStream(jsm, { name: 'EVT_MEM', subjects: ['evt.mem.>'] })).rejects.toThrow('stream EVT_MEM exists with memory storage');
  });

  it('called concurrently for the same new stream: both succeed', async () => {
    const cfg = { name: 'EVT_RACE', subjects: ['evt.race.>'] };
    const [a, b] = await Promise.all([ensureStream(jsm, cfg), ensureStream(jsm, cfg)]);
    expect(a.config.name).toBe('EVT_RACE');
    expect(b.config.name).toBe('EVT_RACE');
  });
});
