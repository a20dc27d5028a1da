import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { startTestNats, type TestNats } from '@dew/testing';
import { ConcurrencyError, UnconfirmedAppend, type CatchUpSubscription, type StoredMessage } from './event-store.js';
import { JetStreamEventStore } from './jetstream-event-store.js';
import { ensureStream } from './streams.js';

type Ev = { type: 'Added'; n: number } | { type: 'Removed'; n: number };

let nats: TestNats;
let nc: NatsConnection;
let jsm: JetStreamManager;
let store: JetStreamEventStore;
let counter = 0;

beforeAll(async () => {
  nats = await startTestNats();
  nc = await nats.connect({ name: 'event-store-contract' });
  jsm = await jetstreamManager(nc);
  store = new JetStreamEventStore(nc);
});
afterAll(async () => { await nats.stop(); });

/** A fresh stream per test: `evt.<token>.>` in stream EVT_<TOKEN>. */
async function freshStream(): Promise<{ stream: string; subject: (s: string) => string }> {
  const token = `t${++counter}`;
  const stream = `EVT_${token.toUpperCase()}`;
  await ensureStream(jsm, { name: stream, subjects: [`evt.${token}.>`] });
  return { stream, subject: (s) => `evt.${token}.${s}` };
}

const added = (n: number): Ev => ({ type: 'Added', n });
let ids = 0;
const msgId = (): string => `cmd-${++ids}`;

/** Appends one Added event per n to `subject`, each expecting the previous append's sequence. */
async function appendChain(subject: string, ns: readonly number[], expected = 0): Promise<number> {
  let last = expected;
  for (const n of ns) {
    last = (await store.append(subject, [added(n)], { expectedSubjectSequence: last, messageId: msgId() })).streamSequence;
  }
  return last;
}

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function storeFilesContain(dir: string, marker: Buffer): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path)).includes(marker)) hits.push(path);
  }
  return hits;
}

describe('JetStreamEventStore.append', () => {
  it('two concurrent appends with the same expected sequence: exactly one is stored, the other gets ConcurrencyError', async () => {
    const { stream, subject } = await freshStream();
    const last = await appendChain(subject('p1.keyring'), [1]);
    const results = await Promise.allSettled([
      store.append(subject('p1.keyring'), [added(2)], { expectedSubjectSequence: last, messageId: msgId() }),
      store.append(subject('p1.keyring'), [added(3)], { expectedSubjectSequence: last, messageId: msgId() }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(ConcurrencyError);
    expect(lost[0]?.reason).toMatchObject({ subject: subject('p1.keyring'), expectedSubjectSequence: last, actualSubjectSequence: last + 1 });
    expect(await store.lastSequence(stream)).toBe(2);
  });

  it('with expected sequence 0 on a subject that has a message: ConcurrencyError naming both sequences', async () => {
    const { subject } = await freshStream();
    const first = await appendChain(subject('a.1'), [1]);
    const attempt = store.append(subject('a.1'), [added(2)], { expectedSubjectSequence: 0, messageId: msgId() });
    await expect(attempt).rejects.toThrow(ConcurrencyError);
    await expect(attempt).rejects.toThrow(`append to ${subject('a.1')} expected its last sequence to be 0, but it is ${first}`);
  });

  it('with expected sequence 0 on a new subject of a non-empty stream: stored', async () => {
    const { subject } = await freshStream();
    await appendChain(subject('a.1'), [1, 2]);
    const r = await store.append(subject('a.2'), [added(3)], { expectedSubjectSequence: 0, messageId: msgId() });
    expect(r).toEqual({ streamSequence: 3, duplicate: false });
  });

  it('with an expected sequence that is stale: ConcurrencyError, nothing stored', async () => {
    const { stream, subject } = await freshStream();
    const first = await appendChain(subject('a.1'), [1]);
    await appendChain(subject('a.1'), [2], first);
    await expect(store.append(subject('a.1'), [added(3)], { expectedSubjectSequence: first, messageId: msgId() }))
      .rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.lastSequence(stream)).toBe(2);
  });

  it('with an expected stream sequence: an append to another subject in between → ConcurrencyError; the current one → stored', async () => {
    const { stream, subject } = await freshStream();
    const first = (await store.append(subject('ring.a'), [added(1)], { expectedStreamSequence: 0, messageId: msgId() })).streamSequence;
    await store.append(subject('ring.b'), [added(2)], { expectedStreamSequence: first, messageId: msgId() });
    await expect(store.append(subject('ring.a'), [added(3)], { expectedStreamSequence: first, messageId: msgId() })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.append(subject('ring.a'), [added(3)], { expectedStreamSequence: 2, messageId: msgId() })).toEqual({ streamSequence: 3, duplicate: false });
    expect(await store.lastSequence(stream)).toBe(3);
  });

  it('retried with the same message id: stored once, the retry returns duplicate:true and the original sequence', async () => {
    const { stream, subject } = await freshStream();
    const opts = { expectedSubjectSequence: 0, messageId: 'retry-me' };
    const first = await store.append(subject('a.1'), [added(1)], opts);
    const retry = await store.append(subject('a.1'), [added(1)], opts);
    expect(first).toEqual({ streamSequence: 1, duplicate: false });
    expect(retry).toEqual({ streamSequence: 1, duplicate: true });
    expect(await store.read(stream)).toHaveLength(1);
    expect(await store.lastSequence(stream)).toBe(1);
  });

  it('with several events: one StoredMessage holding them in order, with the application headers', async () => {
    const { stream, subject } = await freshStream();
    const events: Ev[] = [added(1), { type: 'Removed', n: 1 }, added(2)];
    await store.append(subject('a.1'), events, { expectedSubjectSequence: 0, messageId: 'multi', headers: { 'Dew-Request-Id': 'req-7' } });
    const [msg, ...rest] = await store.read<Ev>(stream);
    expect(rest).toHaveLength(0);
    expect(msg).toMatchObject({ stream, subject: subject('a.1'), streamSequence: 1, events });
    expect(msg?.headers).toEqual({ 'Dew-Request-Id': 'req-7', 'Nats-Msg-Id': 'multi' });
    expect(msg?.time).toBeInstanceOf(Date);
    expect(Math.abs((msg?.time.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('with one set of headers per event (a group commit): read and subscribe give each event its own; a count that does not match is refused', async () => {
    const { stream, subject } = await freshStream();
    const eventHeaders = [{ 'Dew-Request-Id': 'req-1' }, { 'Dew-Request-Id': 'req-2' }];
    await store.append(subject('a.1'), [added(1), added(2)], { expectedSubjectSequence: 0, messageId: 'req-1,req-2', headers: eventHeaders[0], eventHeaders });
    const [msg] = await store.read<Ev>(stream);
    expect(msg).toMatchObject({ events: [added(1), added(2)], headers: { 'Dew-Request-Id': 'req-1', 'Nats-Msg-Id': 'req-1,req-2' }, eventHeaders });
    const seen: StoredMessage<Ev>[] = [];
    const sub = await store.subscribe<Ev>(stream, {}, (m) => void seen.push(m));
    await sub.caughtUp;
    await sub.stop();
    expect(seen[0]?.eventHeaders).toEqual(eventHeaders);
    await expect(store.append(subject('a.1'), [added(3)], { expectedSubjectSequence: 1, messageId: msgId(), eventHeaders }))
      .rejects.toThrow('needs one eventHeaders entry per event, got 2 for 1');
    expect(await store.lastSequence(stream)).toBe(1);
  });

  it('to a subject no stream captures: rejects naming the subject', async () => {
    await expect(store.append('nowhere.at.all', [added(1)], { expectedSubjectSequence: 0, messageId: msgId() }))
      .rejects.toThrow('no JetStream stream captures subject nowhere.at.all');
  });

  it('with no events or a Nats- header: rejects before publishing', async () => {
    const { stream, subject } = await freshStream();
    await expect(store.append(subject('a'), [], { expectedSubjectSequence: 0, messageId: msgId() })).rejects.toThrow(RangeError);
    await expect(store.append(subject('a'), [added(1)], { expectedSubjectSequence: 0, messageId: msgId(), headers: { 'Nats-Msg-Id': 'x' } }))
      .rejects.toThrow('header Nats-Msg-Id is reserved for nats-server');
    expect(await store.lastSequence(stream)).toBe(0);
  });
});

describe('JetStreamEventStore.read', () => {
  it('with from/to bounds returns exactly that range in order', async () => {
    const { stream, subject } = await freshStream();
    await appendChain(subject('a'), [1, 2, 3, 4, 5, 6]);
    const got = await store.read<Ev>(stream, { fromSequence: 2, toSequence: 4 });
    expect(got.map((m) => m.streamSequence)).toEqual([2, 3, 4]);
    expect(got.map((m) => m.events[0])).toEqual([added(2), added(3), added(4)]);
  });

  it('without toSequence stops at the last sequence at call time; past the end returns []', async () => {
    const { stream, subject } = await freshStream();
    await appendChain(subject('a'), [1, 2, 3]);
    expect((await store.read(stream, { toSequence: 99 })).map((m) => m.streamSequence)).toEqual([1, 2, 3]);
    expect(await store.read(stream, { fromSequence: 4 })).toEqual([]);
  });

  it('on an empty stream returns []', async () => {
    const { stream } = await freshStream();
    expect(await store.read(stream)).toEqual([]);
  });

  it('filtered to one subject returns only that subject, also when its last message is before the stream end', async () => {
    const { stream, subject } = await freshStream();
    await store.append(subject('a'), [added(1)], { expectedSubjectSequence: 0, messageId: msgId() });
    await store.append(subject('b'), [added(2)], { expectedSubjectSequence: 0, messageId: msgId() });
    await store.append(subject('a'), [added(3)], { expectedSubjectSequence: 1, messageId: msgId() });
    await store.append(subject('b'), [added(4)], { expectedSubjectSequence: 2, messageId: msgId() });
    await store.append(subject('b'), [added(5)], { expectedSubjectSequence: 4, messageId: msgId() });
    const got = await store.read<Ev>(stream, { subject: subject('a') });
    expect(got.map((m) => [m.subject, m.streamSequence])).toEqual([[subject('a'), 1], [subject('a'), 3]]);
  });
});

describe('JetStreamEventStore.subscribe', () => {
  it('delivers existing messages, resolves caughtUp after them, then delivers live messages in order', async () => {
    const { stream, subject } = await freshStream();
    const last = await appendChain(subject('a'), [1, 2, 3]);
    const seen: number[] = [];
    let seenAtCaughtUp = -1;
    const sub = await store.subscribe<Ev>(stream, {}, async (m) => {
      await new Promise((r) => setTimeout(r, 5));
      seen.push(m.streamSequence);
    });
    await sub.caughtUp.then(() => { seenAtCaughtUp = seen.length; });
    expect(seenAtCaughtUp).toBe(3);
    await appendChain(subject('a'), [4, 5], last);
    await eventually(() => seen.length === 5, 'live messages');
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(sub.lastSequence()).toBe(5);
    await sub.stop();
    expect(await sub.closed).toBeNull();
  });

  it('on an empty stream resolves caughtUp at once and still delivers later appends', async () => {
    const { stream, subject } = await freshStream();
    const seen: number[] = [];
    const sub = await store.subscribe<Ev>(stream, {}, (m) => { seen.push(m.streamSequence); });
    await sub.caughtUp;
    expect(sub.lastSequence()).toBe(0);
    await appendChain(subject('a'), [1]);
    await eventually(() => seen.length === 1, 'the live message');
    await sub.stop();
  });

  it('filtered to one subject sees only that subject, and catches up although other subjects come later', async () => {
    const { stream, subject } = await freshStream();
    await appendChain(subject('x'), [1, 2]);
    await appendChain(subject('y'), [3, 4, 5]);
    const seen: string[] = [];
    const sub = await store.subscribe<Ev>(stream, { subject: subject('x') }, (m) => { seen.push(`${m.subject}#${m.streamSequence}`); });
    await sub.caughtUp;
    expect(seen).toEqual([`${subject('x')}#1`, `${subject('x')}#2`]);
    await store.append(subject('y'), [added(6)], { expectedSubjectSequence: 5, messageId: msgId() });
    await store.append(subject('x'), [added(7)], { expectedSubjectSequence: 2, messageId: msgId() });
    await eventually(() => seen.length === 3, 'the live message on x');
    expect(seen[2]).toBe(`${subject('x')}#7`);
    await sub.stop();
  });

  it('from a sequence delivers only messages from there', async () => {
    const { stream, subject } = await freshStream();
    await appendChain(subject('a'), [1, 2, 3, 4]);
    const seen: number[] = [];
    const sub = await store.subscribe<Ev>(stream, { fromSequence: 3 }, (m) => { seen.push(m.streamSequence); });
    await sub.caughtUp;
    expect(seen).toEqual([3, 4]);
    await sub.stop();
  });

  it('when a handler throws while catching up: caughtUp rejects with that error, later messages are not handled', async () => {
    const { stream, subject } = await freshStream();
    await appendChain(subject('a'), [1, 2, 3, 4]);
    const seen: number[] = [];
    const sub = await store.subscribe<Ev>(stream, {}, (m) => {
      if (m.streamSequence === 2) throw new Error('cannot fold 2');
      seen.push(m.streamSequence);
    });
    await expect(sub.caughtUp).rejects.toThrow('cannot fold 2');
    expect((await sub.closed)?.message).toBe('cannot fold 2');
    expect(seen).toEqual([1]);
    expect(sub.lastSequence()).toBe(1);
    await sub.stop();
  });

  it('when a handler throws on a live message: closed reports the error and the subscription stops', async () => {
    const { stream, subject } = await freshStream();
    const seen: number[] = [];
    const sub = await store.subscribe<Ev>(stream, {}, (m) => {
      if (m.streamSequence === 2) throw new Error('bad live event');
      seen.push(m.streamSequence);
    });
    await sub.caughtUp;
    await appendChain(subject('a'), [1, 2, 3]);
    expect((await sub.closed)?.message).toBe('bad live event');
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([1]);
  });

  it('stop() waits for the running handler and no handler runs afterwards', async () => {
    const { stream, subject } = await freshStream();
    await appendChain(subject('a'), [1, 2, 3, 4, 5]);
    let running = 0;
    const seen: number[] = [];
    let sub: CatchUpSubscription | undefined;
    const stopped = new Promise<void>((resolve) => {
      void store.subscribe<Ev>(stream, {}, async (m) => {
        running++;
        if (m.streamSequence === 2) resolve();
        await new Promise((r) => setTimeout(r, 30));
        seen.push(m.streamSequence);
        running--;
      }).then((s) => { sub = s; });
    });
    await stopped;
    await sub?.stop();
    expect(running).toBe(0);
    const after = [...seen];
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual(after);
    expect(sub?.lastSequence()).toBe(after[after.length - 1]);
    await expect(sub?.caughtUp).rejects.toThrow(/stopped before catching up/);
  });

  it('keeps delivering in order, without gaps or repeats, across a nats-server restart', async () => {
    const { stream, subject } = await freshStream();
    const last = await appendChain(subject('a'), [1, 2]);
    const seen: number[] = [];
    const sub = await store.subscribe<Ev>(stream, {}, (m) => { seen.push(m.streamSequence); });
    await sub.caughtUp;
    await nats.restart();
    await appendChain(subject('a'), [3, 4], last);
    await eventually(() => seen.length === 4, 'messages appended after the restart', 30_000);
    expect(seen).toEqual([1, 2, 3, 4]);
    await sub.stop();
  }, 30_000);
});

describe('a service folding a stream into state', () => {
  interface State { readonly totals: Record<string, number>; readonly applied: number }
  const initial: State = { totals: {}, applied: 0 };
  const evolve = (s: State, subject: string, e: Ev): State => ({
    totals: { ...s.totals, [subject]: (s.totals[subject] ?? 0) + (e.type === 'Added' ? e.n : -e.n) },
    applied: s.applied + 1,
  });

  class Service {
    state: State;
    private sub: CatchUpSubscription | undefined;
    constructor(from: State = initial, private readonly delayMs = 0) { this.state = from; }
    async start(stream: string, fromSequence: number): Promise<void> {
      this.sub = await store.subscribe<Ev>(stream, { fromSequence }, async (m: StoredMessage<Ev>) => {
        if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
        for (const e of m.events) this.state = evolve(this.state, m.subject, e);
      });
    }
    get position(): number { return this.sub?.lastSequence() ?? 0; }
    async caughtUp(): Promise<void> { await this.sub?.caughtUp; }
    async stop(): Promise<void> { await this.sub?.stop(); }
  }

  it('stopped mid-stream and resumed from its position after a nats-server restart: same state as a fresh rebuild', async () => {
    const { stream, subject } = await freshStream();
    let lastA = 0;
    let lastB = 0;
    for (let i = 1; i <= 20; i++) {
      if (i % 3 === 0) lastB = await appendChain(subject('p.b'), [i], lastB);
      else lastA = (await store.append(subject('p.a'), [added(i), { type: 'Removed', n: 1 }], { expectedSubjectSequence: lastA, messageId: msgId() })).streamSequence;
    }

    const partial = new Service(initial, 10);
    await partial.start(stream, 1);
    await eventually(() => partial.state.applied >= 10, 'the partial service to apply 10 events');
    await partial.stop();
    const stopped = partial.state;
    await new Promise((r) => setTimeout(r, 50));
    expect(partial.state).toBe(stopped);
    const checkpoint = { state: partial.state, position: partial.position };
    expect(checkpoint.position).toBeGreaterThan(0);
    expect(checkpoint.position).toBeLessThan(20);

    await nats.restart();
    for (let i = 21; i <= 25; i++) lastB = await appendChain(subject('p.b'), [i], lastB);

    const resumed = new Service(checkpoint.state);
    await resumed.start(stream, checkpoint.position + 1);
    await resumed.caughtUp();
    const fresh = new Service();
    await fresh.start(stream, 1);
    await fresh.caughtUp();

    expect(resumed.state).toEqual(fresh.state);
    expect(resumed.position).toBe(25);
    expect(fresh.state.totals[subject('p.b')]).toBe([3, 6, 9, 12, 15, 18, 21, 22, 23, 24, 25].reduce((a, b) => a + b, 0));
    await resumed.stop();
    await fresh.stop();
  }, 30_000);
});

describe('JetStreamEventStore keyring operations', () => {
  it('getLastForSubject returns the newest message of the subject, null for a subject without messages', async () => {
    const { stream, subject } = await freshStream();
    await appendChain(subject('k.owner1'), [1, 2]);
    await appendChain(subject('k.owner2'), [3]);
    const got = await store.getLastForSubject(stream, subject('k.owner1'));
    expect(got?.streamSequence).toBe(2);
    expect(JSON.parse(new TextDecoder().decode(got?.data))).toEqual({ events: [added(2)] });
    expect(await store.getLastForSubject(stream, subject('k.none'))).toBeNull();
  });

  it('erase removes the message: getLastForSubject returns null and its bytes are in no file of the store', async () => {
    const { stream, subject } = await freshStream();
    const marker = `SHRED-ME-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await appendChain(subject('k.other'), [1]);
    const { streamSequence } = await store.append(subject('k.owner'), [{ type: 'KeyCreated', wrapped: marker }], { expectedSubjectSequence: 0, messageId: msgId() });
    await appendChain(subject('k.other'), [2], 1);
    const bytes = Buffer.from(marker);
    // Proves the search sees the payload at all before it is erased.
    await eventually(async () => (await storeFilesContain(nats.storeDir, bytes)).length > 0, 'the marker to reach the store files');

    expect((await store.getLastForSubject(stream, subject('k.owner')))?.streamSequence).toBe(streamSequence);
    await store.erase(stream, streamSequence);

    expect(await store.getLastForSubject(stream, subject('k.owner'))).toBeNull();
    expect(await storeFilesContain(nats.storeDir, bytes)).toEqual([]);
    expect((await store.read(stream)).map((m) => m.streamSequence)).toEqual([1, 3]);
  });

  it('erase of a sequence already erased or below the first sequence succeeds; beyond the last sequence rejects', async () => {
    const { stream, subject } = await freshStream();
    await appendChain(subject('k.a'), [1, 2, 3, 4]);
    await store.erase(stream, 2);
    await expect(store.erase(stream, 2)).resolves.toBeUndefined();
    await store.erase(stream, 1);
    await expect(store.erase(stream, 1)).resolves.toBeUndefined();
    await expect(store.erase(stream, 9)).rejects.toThrow(/stream store EOF/);
    expect((await store.read(stream)).map((m) => m.streamSequence)).toEqual([3, 4]);
  });
});

// Clustered nats-server 2.11+ answers, which this single-node server does not give: a responder on a
// subject no stream captures answers the append as the server would.
describe('JetStreamEventStore append, answered as a clustered 2.11+ server answers', () => {
  async function answeredWith(error: object): Promise<unknown> {
    const subject = `scripted.${++counter}`;
    const sub = nc.subscribe(subject, { callback: (_err, msg) => void msg.respond(JSON.stringify({ error })) });
    try {
      return await store.append(subject, [added(1)], { expectedSubjectSequence: 4, messageId: msgId() }).catch((err: unknown) => err);
    } finally {
      sub.unsubscribe();
    }
  }

  it('"duplicate message id is in process" (10158): UnconfirmedAppend that may yet land', async () => {
    const err = await answeredWith({ code: 409, err_code: 10158, description: 'duplicate message id is in process' });
    expect(err).toBeInstanceOf(UnconfirmedAppend);
    expect((err as UnconfirmedAppend).mayYetLand).toBe(true);
  });

  it('"wrong last sequence" without the number (10164): ConcurrencyError, the actual sequence unknown', async () => {
    const err = await answeredWith({ code: 400, err_code: 10164, description: 'wrong last sequence' });
    expect(err).toBeInstanceOf(ConcurrencyError);
    expect((err as ConcurrencyError).actualSubjectSequence).toBeUndefined();
  });
});
