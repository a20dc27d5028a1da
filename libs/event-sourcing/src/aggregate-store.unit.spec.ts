import { ConcurrencyError, UnconfirmedAppend, type AppendOptions, type AppendResult, type CatchUpSubscription, type EventStore, type StoredMessage } from '@dew/event-store';
import { jest } from '@jest/globals';
import { StateBehindStream, transientFault } from '@dew/messaging';
import { AggregateStore, STALL_CHECK_EVERY_MS, STATE_CATCH_UP_BOUND_MS } from './aggregate-store.js';
import { onStreamAnomaly, resetStreamAnomalies, type StreamAnomaly } from '@dew/event-store';

type Added = { type: 'Added'; n: number };

/**
 * An in-memory EventStore port that, like JetStream under load, delivers a message to the
 * catch-up subscription before the append's ack returns to the writer.
 */
class DeliverFirstStore implements EventStore {
  readonly #messages: StoredMessage<unknown>[] = [];
  #handler: ((m: StoredMessage<unknown>) => void | Promise<void>) | undefined;
  /** Every append asked for, stored or not. */
  readonly appends: Array<{ events: readonly unknown[]; opts: AppendOptions }> = [];
  /** Thrown by the next append instead of storing. */
  failNext: Error | undefined;
  /** Run inside the next append before its failure or sequence check: another writer's append. */
  beforeNext: (() => Promise<unknown>) | undefined;

  get messages(): readonly StoredMessage<unknown>[] {
    return this.#messages;
  }

  async append<E>(subject: string, events: readonly E[], opts: AppendOptions): Promise<AppendResult> {
    this.appends.push({ events, opts });
    // A round trip: the commands that come meanwhile queue up behind this one.
    await new Promise((r) => setImmediate(r));
    const fail = this.failNext;
    this.failNext = undefined;
    const before = this.beforeNext;
    this.beforeNext = undefined;
    await before?.();
    if (fail) throw fail;
    const last = [...this.#messages].reverse().find((m) => m.subject === subject)?.streamSequence ?? 0;
    if (last !== opts.expectedSubjectSequence) throw new ConcurrencyError(subject, opts.expectedSubjectSequence ?? 0, last);
    const msg: StoredMessage<unknown> = {
      stream: 'S', subject, streamSequence: this.#messages.length + 1, time: new Date(), events, headers: { ...opts.headers, 'Nats-Msg-Id': opts.messageId },
      ...(opts.eventHeaders ? { eventHeaders: opts.eventHeaders } : {}),
    };
    this.#messages.push(msg);
    await this.#handler?.(msg);
    return { streamSequence: msg.streamSequence, duplicate: false };
  }
  async read<E>(): Promise<StoredMessage<E>[]> {
    return this.#messages as StoredMessage<E>[];
  }
  async subscribe<E>(_stream: string, _opts: unknown, handler: (m: StoredMessage<E>) => void | Promise<void>): Promise<CatchUpSubscription> {
    this.#handler = handler as (m: StoredMessage<unknown>) => void;
    return { caughtUp: Promise.resolve(), lastSequence: () => this.#messages.length, stop: async () => undefined, closed: Promise.resolve(null) } as unknown as CatchUpSubscription;
  }
  async lastSequence(): Promise<number> {
    return this.#messages.length;
  }
}

describe('AggregateStore', () => {
  it('own message delivered by the subscription before the ack: its events are applied once, not twice', async () => {
    const store = new AggregateStore<number, Added>(new DeliverFirstStore(), 'S', { initialState: () => 0, evolve: (s, e) => s + e.n });
    await store.start();
    for (let i = 0; i < 5; i++) await store.execute('agg.1', () => [{ type: 'Added', n: 1 }], { messageId: `m${i}` });
    expect(store.get('agg.1')).toEqual({ state: 5, sequence: 5 });
  });

  it('concurrent commands on one subject in one process: run one after another, none lost', async () => {
    const store = new AggregateStore<number, Added>(new DeliverFirstStore(), 'S', { initialState: () => 0, evolve: (s, e) => s + e.n });
    await store.start();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.execute('agg.2', () => [{ type: 'Added', n: 1 }], { messageId: `c${i}` })));
    expect(store.get('agg.2').state).toBe(20);
  });

  describe('group commit', () => {
    type Counter = { total: number; names: readonly string[] };
    const counting = { initialState: (): Counter => ({ total: 0, names: [] }), evolve: (s: Counter, e: Named) => ({ total: s.total + 1, names: [...s.names, e.name] }) };
    type Named = { type: 'Named'; name: string };
    /** Adds `name` unless it is taken (a refusal, as an alias check would be). */
    const add = (name: string) => (s: Counter): Named[] => {
      if (s.names.includes(name)) throw new Error(`${name} is taken`);
      return [{ type: 'Named', name }];
    };
    const opts = (id: string) => ({ messageId: `${id}:agg`, headers: { 'Dew-Request-Id': id } });
    const started = async () => {
      const events = new DeliverFirstStore();
      const store = new AggregateStore<Counter, Named>(events, 'S', counting);
      await store.start();
      return { events, store };
    };

    it('commands queued behind an append: stored in one message, each event with its own headers, each caller answered with the state its events left', async () => {
      const { events, store } = await started();
      const first = store.execute('agg', add('a'), opts('a'));
      // Once its append is on its way, three more come: they wait, then share the next message.
      await new Promise((r) => setImmediate(r));
      const results = await Promise.all([first, ...['b', 'c', 'd'].map((n) => store.execute('agg', add(n), opts(n)))]);
      expect(events.messages.map((m) => m.events.length)).toEqual([1, 3]);
      const batch = events.messages[1]!;
      expect(batch.headers).toEqual({ 'Dew-Request-Id': 'b', 'Nats-Msg-Id': 'b:agg,c:agg,d:agg' });
      expect(batch.eventHeaders).toEqual([{ 'Dew-Request-Id': 'b' }, { 'Dew-Request-Id': 'c' }, { 'Dew-Request-Id': 'd' }]);
      expect(events.messages[0]!.eventHeaders).toBeUndefined();
      expect(results.map((r) => r.state.names)).toEqual([['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd']]);
      expect(results.map((r) => r.events)).toEqual(['a', 'b', 'c', 'd'].map((name) => [{ type: 'Named', name }]));
      expect(store.get('agg')).toEqual({ state: { total: 4, names: ['a', 'b', 'c', 'd'] }, sequence: 2 });
    });

    it('a command refused against the state an earlier command of its batch left: only it is refused, the others are stored', async () => {
      const { events, store } = await started();
      const [first, second, taken, third] = await Promise.allSettled([
        store.execute('agg', add('a'), opts('1')), store.execute('agg', add('b'), opts('2')), store.execute('agg', add('b'), opts('3')), store.execute('agg', add('c'), opts('4')),
      ]);
      expect([first.status, second.status, third.status]).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      expect(taken).toEqual({ status: 'rejected', reason: new Error('b is taken') });
      expect(events.messages.map((m) => m.events.map((e) => (e as Named).name))).toEqual([['a', 'b', 'c']]);
    });

    it('another writer moved the subject on: the whole batch is decided again against its events and stored once', async () => {
      const { events, store } = await started();
      await store.execute('agg', add('a'), opts('1'));
      // Another process appends 'x' while this batch's append is on its way.
      events.beforeNext = () => events.append('agg', [{ type: 'Named', name: 'x' }], { expectedSubjectSequence: 1, messageId: 'other' });
      const [b, x, c] = await Promise.allSettled([store.execute('agg', add('b'), opts('2')), store.execute('agg', add('x'), opts('3')), store.execute('agg', add('c'), opts('4'))]);
      expect([b.status, c.status]).toEqual(['fulfilled', 'fulfilled']);
      expect(x).toEqual({ status: 'rejected', reason: new Error('x is taken') });
      expect(store.get('agg').state.names).toEqual(['a', 'x', 'b', 'c']);
      expect(events.messages.map((m) => m.events.length)).toEqual([1, 1, 2]);
    });

    it('an attempt after a conflict is another message: its id names the attempt, the first attempt keeps the plain id', async () => {
      const { events, store } = await started();
      await store.execute('agg', add('a'), opts('1'));
      events.beforeNext = () => events.append('agg', [{ type: 'Named', name: 'x' }], { expectedSubjectSequence: 1, messageId: 'other' });
      await store.execute('agg', add('b'), opts('2'));
      // The refused first attempt, the other writer's append made inside it, the second attempt. A
      // clustered nats-server 2.10 answers a refused attempt's id, sent again, as a duplicate of nothing stored.
      expect(events.appends.map((a) => a.opts.messageId).slice(-3)).toEqual(['2:agg', 'other', '2:agg~2']);
      expect(events.messages.at(-1)?.headers?.['Nats-Msg-Id']).toBe('2:agg~2');
    });

    it('"duplicate" of no stored message while the subject has not moved: decided again under the next attempt\'s id and stored once', async () => {
      const { events, store } = await started();
      await store.execute('agg', add('a'), opts('1'));
      events.failNext = new UnconfirmedAppend('agg', 1, { cause: new Error('seq 0') });
      await store.execute('agg', add('b'), opts('2'));
      expect(events.appends.map((a) => a.opts.messageId).slice(-2)).toEqual(['2:agg', '2:agg~2']);
      expect(store.get('agg').state.names).toEqual(['a', 'b']);
    });

    it('"duplicate" of no stored message while the subject moved on: the writer learns the outcome is unknown, nothing is sent again', async () => {
      const { events, store } = await started();
      await store.execute('agg', add('a'), opts('1'));
      const unconfirmed = new UnconfirmedAppend('agg', 1, { cause: new Error('seq 0') });
      events.failNext = unconfirmed;
      // Another writer's message lands meanwhile: this command's message may be it, or not.
      events.beforeNext = () => events.append('agg', [{ type: 'Named', name: 'x' }], { expectedSubjectSequence: 1, messageId: 'other' });
      await expect(store.execute('agg', add('b'), opts('2'))).rejects.toBe(unconfirmed);
      expect(events.appends.map((a) => a.opts.messageId).filter((id) => id.startsWith('2:'))).toEqual(['2:agg']);
    });

    it('"duplicate" of a publish with the same id still being stored (2.11+): never decided again, though the subject has not moved; the outcome is unknown', async () => {
      const { events, store } = await started();
      await store.execute('agg', add('a'), opts('1'));
      const inProcess = new UnconfirmedAppend('agg', 1, { cause: new Error('10158') }, true);
      events.failNext = inProcess;
      await expect(store.execute('agg', add('b'), opts('2'))).rejects.toBe(inProcess);
      expect(events.appends.map((a) => a.opts.messageId).filter((id) => id.startsWith('2:'))).toEqual(['2:agg']);
      expect(store.get('agg').state.names).toEqual(['a']);
    });

    it('an append that fails: its writers get the error; a refusal decided behind their events is decided again on what is stored', async () => {
      const { events, store } = await started();
      await store.execute('agg', add('a'), opts('1'));
      events.failNext = new Error('timed out');
      const [writer, refused] = await Promise.allSettled([store.execute('agg', add('b'), opts('2')), store.execute('agg', add('b'), opts('3'))]);
      expect(writer).toEqual({ status: 'rejected', reason: new Error('timed out') });
      // The first 'b' was never stored, so the second is no longer refused.
      expect(refused.status).toBe('fulfilled');
      expect(store.get('agg').state.names).toEqual(['a', 'b']);
    });

    it('a batch that fails outside its append (an event JSON cannot hold): its commands are rejected, the subject keeps serving', async () => {
      const { store } = await started();
      const unserialisable = (): Named[] => [{ type: 'Named', name: 'n', size: 1n } as unknown as Named];
      const results = await Promise.allSettled([store.execute('agg', add('a'), opts('1')), store.execute('agg', unserialisable, opts('2'))]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      await expect(store.execute('agg', add('b'), opts('3'))).resolves.toMatchObject({ state: { names: ['b'] } });
    });

    it('more than 16 queued commands: at most 16 to a message, in order', async () => {
      const { events, store } = await started();
      const names = Array.from({ length: 40 }, (_, i) => `n${i}`);
      await Promise.all(names.map((n) => store.execute('agg', add(n), opts(n))));
      expect(events.messages.map((m) => m.events.length)).toEqual([16, 16, 8]);
      expect(store.get('agg').state.names).toEqual(names);
    });

    it('commands whose events are large: a message holds as many as fit in 128 KiB of JSON, the rest go in the next', async () => {
      const { events, store } = await started();
      const big = (i: number) => `${i}:${'x'.repeat(50_000)}`;
      await Promise.all(Array.from({ length: 6 }, (_, i) => store.execute('agg', add(big(i)), opts(`r${i}`))));
      expect(events.messages.map((m) => m.events.length)).toEqual([2, 2, 2]);
      expect(store.get('agg').state.names).toEqual(Array.from({ length: 6 }, (_, i) => big(i)));
    });

    it('a command set aside for size while the batch meets another writer: still decided and answered, after the batch', async () => {
      const { events, store } = await started();
      await store.execute('agg', add('a'), opts('a'));
      const big = (i: number) => `${i}:${'x'.repeat(50_000)}`;
      events.beforeNext = () => events.append('agg', [{ type: 'Named', name: 'x' }], { expectedSubjectSequence: 1, messageId: 'other' });
      const answered = await Promise.race([
        Promise.all(Array.from({ length: 3 }, (_, i) => store.execute('agg', add(big(i)), opts(`r${i}`)))).then(() => 'all answered'),
        new Promise((r) => setTimeout(() => r('a command was never answered'), 2000)),
      ]);
      expect(answered).toBe('all answered');
      expect(store.get('agg').state.names).toEqual(['a', 'x', big(0), big(1), big(2)]);
    });
  });
});

/**
 * An in-memory EventStore port whose subscription can stall (it stops delivering, as an ordered
 * consumer whose node was killed and which the client never makes again), while appends go on.
 */
class StallingStore implements EventStore {
  readonly #messages: StoredMessage<unknown>[] = [];
  #handler: ((m: StoredMessage<unknown>) => void | Promise<void>) | undefined;
  stalled = false;
  subscriptions = 0;

  async append<E>(subject: string, events: readonly E[], opts: AppendOptions): Promise<AppendResult> {
    const last = [...this.#messages].reverse().find((m) => m.subject === subject)?.streamSequence ?? 0;
    if (last !== opts.expectedSubjectSequence) throw new ConcurrencyError(subject, opts.expectedSubjectSequence ?? 0, last);
    const msg: StoredMessage<unknown> = { stream: 'S', subject, streamSequence: this.#messages.length + 1, time: new Date(), events, headers: {} };
    this.#messages.push(msg);
    if (!this.stalled) await this.#handler?.(msg);
    return { streamSequence: msg.streamSequence, duplicate: false };
  }
  async read<E>(): Promise<StoredMessage<E>[]> {
    return this.#messages as StoredMessage<E>[];
  }
  async subscribe<E>(_stream: string, opts: { fromSequence?: number }, handler: (m: StoredMessage<E>) => void | Promise<void>): Promise<CatchUpSubscription> {
    this.subscriptions += 1;
    this.stalled = false;
    const deliver = handler as (m: StoredMessage<unknown>) => void;
    this.#handler = deliver;
    for (const m of this.#messages.slice((opts.fromSequence ?? 1) - 1)) deliver(m);
    return { caughtUp: Promise.resolve(), lastSequence: () => this.#messages.length, stop: async () => undefined, closed: new Promise(() => undefined) } as unknown as CatchUpSubscription;
  }
  async lastSequence(): Promise<number> {
    return this.#messages.length;
  }
}

describe('AggregateStore with a subscription that stalls', () => {
  // Anomalies count once per (kind, stream, sequence) in the process: each test starts from none.
  beforeEach(() => resetStreamAnomalies());
  afterEach(() => jest.useRealTimers());

  it('a conflict whose catch-up does not come within the bound: the command fails as a fault of the moment (nothing stored), the subscription is made again, and the next command is served', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'queueMicrotask', 'nextTick'] });
    const events = new StallingStore();
    const store = new AggregateStore<number, Added>(events, 'S', { initialState: () => 0, evolve: (s, e) => s + e.n });
    await store.start();
    await store.execute('agg', () => [{ type: 'Added', n: 1 }], { messageId: 'a' });
    // The subscription stalls; another process's write lands on the subject meanwhile.
    events.stalled = true;
    await events.append('agg', [{ type: 'Added', n: 10 }], { expectedSubjectSequence: 1, messageId: 'other' });
    const refused = store.execute('agg', () => [{ type: 'Added', n: 100 }], { messageId: 'b' }).catch((err: unknown) => err);
    await jest.advanceTimersByTimeAsync(STATE_CATCH_UP_BOUND_MS);
    const err = await refused;
    expect(err).toBeInstanceOf(StateBehindStream);
    expect((err as StateBehindStream).fault).toBe('not-done');
    expect(transientFault(err)).toBe('not-done');
    // Made again from the last message applied: the other write is applied, and the subject serves again.
    await jest.advanceTimersByTimeAsync(1_000);
    expect(events.subscriptions).toBe(2);
    expect(store.get('agg')).toEqual({ state: 11, sequence: 2 });
    await expect(store.execute('agg', () => [{ type: 'Added', n: 100 }], { messageId: 'c' })).resolves.toMatchObject({ state: 111 });
  });

  /** A started store over a StallingStore, with one own write applied, under fake timers; the anomalies reported meanwhile. */
  async function watchedStore(run: (t: { events: StallingStore; store: AggregateStore<number, Added>; anomalies: StreamAnomaly[] }) => Promise<void>): Promise<void> {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'queueMicrotask', 'nextTick'] });
    const anomalies: StreamAnomaly[] = [];
    const unsubscribe = onStreamAnomaly((a) => anomalies.push(a));
    const events = new StallingStore();
    const store = new AggregateStore<number, Added>(events, 'S', { initialState: () => 0, evolve: (s, e) => s + e.n });
    try {
      await store.start();
      await store.execute('agg', () => [{ type: 'Added', n: 1 }], { messageId: 'a' });
      await run({ events, store, anomalies });
    } finally {
      unsubscribe();
      await store.stop();
    }
  }

  it('with no command coming (a replica serving reads only): the periodic look finds the stream ahead, the stall is reported and the subscription made again, so reads see the other write', async () => {
    await watchedStore(async ({ events, store, anomalies }) => {
      events.stalled = true;
      await events.append('agg', [{ type: 'Added', n: 10 }], { expectedSubjectSequence: 1, messageId: 'other' });
      // The first look finds the stream ahead and waits the bound; nothing applied meanwhile: a stall.
      await jest.advanceTimersByTimeAsync(STALL_CHECK_EVERY_MS + STATE_CATCH_UP_BOUND_MS + 1_000);
      expect(anomalies).toEqual([expect.objectContaining({ kind: 'stalled', stream: 'S', streamSequence: 2 })]);
      expect(events.subscriptions).toBe(2);
      expect(store.get('agg')).toEqual({ state: 11, sequence: 2 });
    });
  });

  it('idle at the stream end: the periodic looks make no new subscription and report nothing', async () => {
    await watchedStore(async ({ events, anomalies }) => {
      await jest.advanceTimersByTimeAsync(10 * STALL_CHECK_EVERY_MS);
      expect(events.subscriptions).toBe(1);
      expect(anomalies).toEqual([]);
    });
  });
});
