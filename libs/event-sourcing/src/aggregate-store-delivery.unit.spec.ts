import { resetStreamAnomalies, streamAnomalies, type AppendOptions, type AppendResult, type CatchUpSubscription, type EventStore, type StoredMessage } from '@dew/event-store';
import { AggregateStore } from './aggregate-store.js';

type Added = { type: 'Added'; n: number };

/**
 * An in-memory EventStore port whose subscription delivers only when the test says so (the ack
 * comes first), and which can store another writer's message the way a clustered nats-server
 * before 2.9.21 could: beside an append that expected the subject not to have moved.
 */
class AckFirstStore implements EventStore {
  readonly #messages: StoredMessage<unknown>[] = [];
  #delivered = 0;
  #handler: ((m: StoredMessage<unknown>) => void | Promise<void>) | undefined;

  /** Stores a message no expectation guards: another writer's, or one nats-server delivered there. */
  storeOther(subject: string, events: readonly unknown[], foreign?: string): number {
    const streamSequence = this.#messages.length + 1;
    this.#messages.push({ stream: 'S', subject, streamSequence, time: new Date(), events, headers: {}, ...(foreign ? { foreign } : {}) });
    return streamSequence;
  }

  async append<E>(subject: string, events: readonly E[], opts: AppendOptions): Promise<AppendResult> {
    return { streamSequence: this.storeOther(subject, events), duplicate: opts.messageId === '' };
  }

  /** Subscriptions made, by the sequence they started from. */
  readonly subscribedFrom: number[] = [];

  /** Delivers what is stored; a handler that throws ends the subscription with its error, as catch-up.ts does. */
  async deliverAll(): Promise<void> {
    while (this.#delivered < this.#messages.length) {
      try {
        await this.#handler?.(this.#messages[this.#delivered++]!);
      } catch (err) {
        this.fail(err as Error);
        return;
      }
    }
  }

  async read<E>(): Promise<StoredMessage<E>[]> {
    return this.#messages as StoredMessage<E>[];
  }
  /** Ends the subscription with this error, as a handler that threw or a lost consumer would. */
  fail: (err: Error) => void = () => undefined;

  async subscribe<E>(_stream: string, opts: { fromSequence?: number }, handler: (m: StoredMessage<E>) => void | Promise<void>): Promise<CatchUpSubscription> {
    this.subscribedFrom.push(opts.fromSequence ?? 1);
    this.#delivered = (opts.fromSequence ?? 1) - 1;
    this.#handler = handler as (m: StoredMessage<unknown>) => void;
    const closed = new Promise<Error | null>((resolve) => { this.fail = resolve; });
    return { caughtUp: Promise.resolve(), lastSequence: () => this.#delivered, stop: async () => undefined, closed } as unknown as CatchUpSubscription;
  }
  async lastSequence(): Promise<number> {
    return this.#messages.length;
  }
}

const sum = { initialState: () => 0, evolve: (s: number, e: Added) => s + e.n };
const add = (n: number) => (): Added[] => [{ type: 'Added', n }];

/** A summing store, started, that has stored 2 on agg.1 (acked, not yet delivered), and the states its listeners saw. */
async function startedWithOneWrite() {
  const port = new AckFirstStore();
  const store = new AggregateStore<number, Added>(port, 'S', sum);
  const applied: number[] = [];
  store.onApply((_s, _e, state) => applied.push(state));
  await store.start();
  await store.execute('agg.1', add(2), { messageId: 'm1' });
  return { port, store, applied };
}

describe('AggregateStore delivery', () => {
  beforeEach(() => resetStreamAnomalies());

  it('own write acked before the subscription delivers it: applied once at once, confirmed as it is, no anomaly', async () => {
    const { port, store, applied } = await startedWithOneWrite();
    await store.execute('agg.1', add(3), { messageId: 'm2' });
    expect(store.get('agg.1')).toEqual({ state: 5, sequence: 2 });
    await port.deliverAll();
    expect(store.get('agg.1')).toEqual({ state: 5, sequence: 2 });
    expect(applied).toEqual([2, 5]);
    expect(streamAnomalies()).toEqual({});
  });

  it('another writer stored below an acked own write (nats-io/nats-server#4320): the state is folded again in stream order and the refold recorded', async () => {
    const port = new AckFirstStore();
    const store = new AggregateStore<number, Added>(port, 'S', { initialState: () => 0, evolve: (s: number, e: Added) => s * 10 + e.n });
    const told: number[] = [];
    store.onApply((_s, _e, _state, msg) => told.push(msg.streamSequence));
    await store.start();
    const other = port.storeOther('agg.1', [{ type: 'Added', n: 7 }]);
    // This process decided on the empty subject; the buggy server stored its write after the other one.
    await store.execute('agg.1', add(1), { messageId: 'm1' });
    expect(store.get('agg.1')).toEqual({ state: 1, sequence: 2 });
    await port.deliverAll();
    // What a replay folds from the stream: 7, then 1.
    expect(store.get('agg.1')).toEqual({ state: 71, sequence: 2 });
    expect(streamAnomalies()['refold']?.['S']).toMatchObject({ count: 1, last: { subject: 'agg.1', streamSequence: other } });
    // Listeners keep version histories that take no older sequence: they are not told of the refold.
    expect(told).toEqual([2]);
    await store.execute('agg.1', add(4), { messageId: 'm2' });
    await port.deliverAll();
    expect(store.get('agg.1')).toEqual({ state: 714, sequence: 3 });
  });

  it('a message that is no event of its subject: moves the subject on without changing its state or calling listeners, and the next write expects it', async () => {
    const { port, store, applied } = await startedWithOneWrite();
    const junk = port.storeOther('agg.1', [], 'its body is no JSON');
    await port.deliverAll();
    expect(store.get('agg.1')).toEqual({ state: 2, sequence: junk });
    const appends: AppendOptions[] = [];
    const append = port.append.bind(port);
    port.append = async (subject, events, opts) => { appends.push(opts); return append(subject, events, opts); };
    await store.execute('agg.1', add(3), { messageId: 'm2' });
    expect(appends[0]).toMatchObject({ expectedSubjectSequence: junk });
    expect(store.get('agg.1').state).toBe(5);
    expect(applied).toEqual([2, 5]);
  });

  it('a stray message between an acked write\'s base and the write itself: the write keeps its events on the same state, no refold is reported', async () => {
    const port = new AckFirstStore();
    const store = new AggregateStore<number, Added>(port, 'S', sum);
    await store.start();
    port.storeOther('agg.1', [], 'it was written for other.x, a copy delivered to agg.1');
    await store.execute('agg.1', add(2), { messageId: 'm1' });
    await port.deliverAll();
    expect(store.get('agg.1')).toEqual({ state: 2, sequence: 2 });
    expect(streamAnomalies()['refold']).toBeUndefined();
  });

  it('a handler that throws ends the subscription: onStopped hears it (the shell then stops serving), and it is not followed again', async () => {
    const port = new AckFirstStore();
    const store = new AggregateStore<number, Added>(port, 'S', { initialState: () => 0, evolve: (s: number, e: Added) => { if (e.n < 0) throw new Error('no such event'); return s + e.n; } });
    const heard: string[] = [];
    store.onStopped((err) => heard.push(err.message));
    await store.start();
    port.storeOther('agg.1', [{ type: 'Added', n: -1 }]);
    await port.deliverAll();
    await new Promise((r) => setTimeout(r, 700));
    expect(heard).toEqual(['no such event']);
    expect(port.subscribedFrom).toEqual([1]);
  });

  it('the consumer lost otherwise (JetStream away): followed again from the next message, onStopped not told', async () => {
    const port = new AckFirstStore();
    const store = new AggregateStore<number, Added>(port, 'S', sum);
    const heard: string[] = [];
    store.onStopped((err) => heard.push(err.message));
    await store.start();
    port.storeOther('agg.1', [{ type: 'Added', n: 2 }]);
    await port.deliverAll();
    port.fail(new Error('consumer lost'));
    await new Promise((r) => setTimeout(r, 700));
    expect(port.subscribedFrom).toEqual([1, 2]);
    port.storeOther('agg.1', [{ type: 'Added', n: 3 }]);
    await port.deliverAll();
    expect(store.get('agg.1')).toEqual({ state: 5, sequence: 2 });
    expect(heard).toEqual([]);
    await store.stop();
  });
});
