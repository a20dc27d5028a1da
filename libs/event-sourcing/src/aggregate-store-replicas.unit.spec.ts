import { ConcurrencyError, type AppendOptions, type AppendResult, type CatchUpSubscription, type EventStore, type StoredMessage } from '@dew/event-store';
import { AggregateStore } from './aggregate-store.js';

type Added = { type: 'Added'; n: number };

/**
 * One stream shared by two replicas, each following it through its own subscription, delivered
 * when the test says (a replica behind). `acceptStaleOnce` lets the next append through whatever
 * its expected sequence: what a clustered nats-server can do around a leader change
 * (nats-io/nats-server#4320, docs/architecture.md "Cluster mode").
 */
class SharedStream implements EventStore {
  readonly messages: StoredMessage<unknown>[] = [];
  readonly #subscribers: Array<{ handler: (m: StoredMessage<unknown>) => void | Promise<void>; delivered: number }> = [];
  acceptStaleOnce = false;

  async append<E>(subject: string, events: readonly E[], opts: AppendOptions): Promise<AppendResult> {
    await new Promise((r) => setImmediate(r));
    const last = [...this.messages].reverse().find((m) => m.subject === subject)?.streamSequence ?? 0;
    if (last !== opts.expectedSubjectSequence && !this.acceptStaleOnce) throw new ConcurrencyError(subject, opts.expectedSubjectSequence ?? 0, last);
    this.acceptStaleOnce = false;
    const msg: StoredMessage<unknown> = { stream: 'S', subject, streamSequence: this.messages.length + 1, time: new Date(), events, headers: { 'Nats-Msg-Id': opts.messageId } };
    this.messages.push(msg);
    return { streamSequence: msg.streamSequence, duplicate: false };
  }

  /** Delivers every stored message each subscriber has not had yet, in stream order. */
  async deliverAll(): Promise<void> {
    for (const s of this.#subscribers) {
      while (s.delivered < this.messages.length) await s.handler(this.messages[s.delivered++]!);
    }
  }

  async read<E>(): Promise<StoredMessage<E>[]> {
    return this.messages as StoredMessage<E>[];
  }
  async subscribe<E>(_stream: string, _opts: unknown, handler: (m: StoredMessage<E>) => void | Promise<void>): Promise<CatchUpSubscription> {
    this.#subscribers.push({ handler: handler as (m: StoredMessage<unknown>) => void, delivered: 0 });
    return { caughtUp: Promise.resolve(), lastSequence: () => this.messages.length, stop: async () => undefined, closed: Promise.resolve(null) } as unknown as CatchUpSubscription;
  }
  async lastSequence(): Promise<number> {
    return this.messages.length;
  }
}

const definition = { initialState: () => 0, evolve: (s: number, e: Added) => s + e.n };
const tick = () => new Promise((r) => setImmediate(r));

describe('AggregateStore replicas following one stream', () => {
  it('two appends decided on the same state both stored (the server let the stale one through): each replica ends with the stream\'s fold, neither skips the other\'s message', async () => {
    const stream = new SharedStream();
    const a = new AggregateStore<number, Added>(stream, 'S', definition);
    const b = new AggregateStore<number, Added>(stream, 'S', definition);
    await a.start();
    await b.start();

    const fromA = a.execute('agg.1', () => [{ type: 'Added', n: 1 }], { messageId: 'a-1' });
    while (stream.messages.length < 1) await tick();
    // B has not seen A's message: it decides on state 0, expecting sequence 0, and the store lets it through.
    stream.acceptStaleOnce = true;
    const fromB = b.execute('agg.1', () => [{ type: 'Added', n: 10 }], { messageId: 'b-1' });
    while (stream.messages.length < 2) await tick();
    await stream.deliverAll();
    await Promise.all([fromA, fromB]);

    expect(stream.messages.map((m) => m.streamSequence)).toEqual([1, 2]);
    expect({ a: a.get('agg.1'), b: b.get('agg.1') }).toEqual({ a: { state: 11, sequence: 2 }, b: { state: 11, sequence: 2 } });
  });

  it('a write answers only once the replica\'s own subscription has applied it (the state is folded in stream order only)', async () => {
    const stream = new SharedStream();
    const a = new AggregateStore<number, Added>(stream, 'S', definition);
    await a.start();
    let answered = false;
    const write = a.execute('agg.1', () => [{ type: 'Added', n: 5 }], { messageId: 'a-1' }).then((r) => {
      answered = true;
      return r;
    });
    while (stream.messages.length < 1) await tick();
    for (let i = 0; i < 5; i++) await tick();
    expect({ answered, state: a.get('agg.1') }).toEqual({ answered: false, state: { state: 0, sequence: 0 } });
    await stream.deliverAll();
    await expect(write).resolves.toMatchObject({ state: 5 });
  });
});
