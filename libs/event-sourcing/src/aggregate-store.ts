import { ConcurrencyError, type CatchUpSubscription, type EventStore, type StoredMessage } from '@dew/event-store';
import { EntryIndex } from './entry-index.js';
import type { ReadModelView } from './read-model.js';

export interface AggregateDefinition<S, E> {
  /** State of a subject that has no events yet. */
  readonly initialState: (subject: string) => S;
  readonly evolve: (state: S, event: E) => S;
}

export interface Versioned<S> {
  readonly state: S;
  /** Stream sequence of the subject's last message applied (0 = none). */
  readonly sequence: number;
}

export interface ExecuteOptions {
  readonly messageId: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly maxAttempts?: number;
}

export type ApplyListener<S, E> = (subject: string, events: readonly E[], state: S, msg: { streamSequence: number; time: Date }) => void;

/**
 * In-memory states of every aggregate of one stream, kept current by a catch-up subscription
 * (docs/architecture.md, "Event sourcing on JetStream"). Commands decide against the state and append with the subject's
 * last sequence; a conflict (another writer got there first) catches up and decides again.
 */
export class AggregateStore<S, E> {
  readonly #states = new Map<string, Versioned<S>>();
  /** Recent versions of each subject's state, so the replay can compare at a cut (ReadModelView). */
  readonly #history = new EntryIndex<S>();
  readonly #listeners: ApplyListener<S, E>[] = [];
  readonly #waiters: Array<{ target: number; resolve: () => void }> = [];
  /** Commands on one subject run one after another in this process; conflicts remain only between processes. */
  readonly #queues = new Map<string, Promise<unknown>>();
  #handled = 0;
  #subscription: CatchUpSubscription | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly stream: string,
    private readonly definition: AggregateDefinition<S, E>,
  ) {}

  /** Replays the stream and keeps following it; resolves once the existing history is applied. */
  async start(): Promise<void> {
    this.#subscription = await this.store.subscribe<E>(
      this.stream,
      // The whole stream, never a filter: catchUp() waits for the stream's last sequence.
      { fromSequence: 1 },
      (msg) => this.#onMessage(msg),
    );
    await this.#subscription.caughtUp;
  }

  async stop(): Promise<void> {
    await this.#subscription?.stop();
  }

  onApply(listener: ApplyListener<S, E>): void {
    this.#listeners.push(listener);
  }

  get(subject: string): Versioned<S> {
    return this.#states.get(subject) ?? { state: this.definition.initialState(subject), sequence: 0 };
  }

  entries(): IterableIterator<[string, Versioned<S>]> {
    return this.#states.entries();
  }

  /**
   * Decides against the current state and appends the events in one message. `decide` may throw
   * a refusal; it may be called again after a conflict, so it must be pure.
   */
  execute(subject: string, decide: (state: S) => readonly E[], opts: ExecuteOptions): Promise<{ events: readonly E[]; state: S }> {
    const previous = this.#queues.get(subject) ?? Promise.resolve();
    const run = previous.then(() => this.#execute(subject, decide, opts));
    const settled = run.catch(() => undefined);
    this.#queues.set(subject, settled);
    void settled.then(() => {
      if (this.#queues.get(subject) === settled) this.#queues.delete(subject);
    });
    return run;
  }

  async #execute(subject: string, decide: (state: S) => readonly E[], opts: ExecuteOptions): Promise<{ events: readonly E[]; state: S }> {
    const attempts = opts.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      const current = this.get(subject);
      const events = decide(current.state);
      if (events.length === 0) return { events, state: current.state };
      try {
        const result = await this.store.append(subject, events, {
          expectedSubjectSequence: current.sequence,
          messageId: opts.messageId,
          ...(opts.headers ? { headers: opts.headers } : {}),
        });
        // A duplicate means an earlier attempt with this id was stored: its events reach us by the subscription.
        if (result.duplicate) await this.#waitFor(result.streamSequence);
        // The subscription may have delivered our own message before the ack came back: apply once.
        else if (this.get(subject).sequence < result.streamSequence) this.#apply(subject, events, result.streamSequence, new Date());
        return { events, state: this.get(subject).state };
      } catch (err) {
        if (!(err instanceof ConcurrencyError) || attempt >= attempts) throw err;
        await this.catchUp();
      }
    }
  }

  /** Waits until every message up to `sequence` has been applied. */
  appliedThrough(sequence: number): Promise<void> {
    return this.#waitFor(sequence);
  }

  /** The states of every subject as a read model, viewable at a cut. */
  view(name: string): ReadModelView {
    return this.#history.view(name, this.stream, (seq) => this.appliedThrough(seq));
  }

  /** Waits until every message stored before this call has been applied. */
  async catchUp(): Promise<void> {
    await this.#waitFor(await this.store.lastSequence(this.stream));
  }

  #onMessage(msg: StoredMessage<E>): void {
    const known = this.#states.get(msg.subject);
    if (!known || msg.streamSequence > known.sequence) this.#apply(msg.subject, msg.events, msg.streamSequence, msg.time);
    this.#markHandled(msg.streamSequence);
  }

  #apply(subject: string, events: readonly E[], streamSequence: number, time: Date): void {
    let state = this.get(subject).state;
    for (const event of events) state = this.definition.evolve(state, event);
    this.#states.set(subject, { state, sequence: streamSequence });
    this.#history.set(subject, streamSequence, state);
    for (const listener of this.#listeners) listener(subject, events, state, { streamSequence, time });
  }

  #markHandled(seq: number): void {
    if (seq > this.#handled) this.#handled = seq;
    for (let i = this.#waiters.length - 1; i >= 0; i--) {
      const w = this.#waiters[i]!;
      if (w.target <= this.#handled) {
        this.#waiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  #waitFor(target: number): Promise<void> {
    if (target <= this.#handled) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ target, resolve }));
  }
}
