import type { AppendOptions, AppendResult, CatchUpSubscription, EventStore, StoredMessage } from '@dew/event-store';
import { AggregateStore } from './aggregate-store.js';

type Added = { type: 'Added'; n: number };

/**
 * An in-memory EventStore port that, like JetStream under load, delivers a message to the
 * catch-up subscription before the append's ack returns to the writer.
 */
class DeliverFirstStore implements EventStore {
  readonly #messages: StoredMessage<unknown>[] = [];
  #handler: ((m: StoredMessage<unknown>) => void | Promise<void>) | undefined;

  async append<E>(subject: string, events: readonly E[], opts: AppendOptions): Promise<AppendResult> {
    const last = [...this.#messages].reverse().find((m) => m.subject === subject)?.streamSequence ?? 0;
    if (last !== opts.expectedSubjectSequence) throw new Error('conflict');
    const msg: StoredMessage<unknown> = { stream: 'S', subject, streamSequence: this.#messages.length + 1, time: new Date(), events, headers: {} };
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
});
