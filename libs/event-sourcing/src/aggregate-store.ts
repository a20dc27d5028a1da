import { ConcurrencyError, recordStreamAnomaly, UnconfirmedAppend, type CatchUpSubscription, type EventStore, type StoredMessage } from '@dew/event-store';
import { StateBehindStream } from '@dew/messaging';
import { EntryIndex } from './entry-index.js';
import type { ReadModelView } from './read-model.js';

/**
 * How long a command waits for this process's state to reach a sequence (after a conflict or an
 * unconfirmed append, for its own write answered as a duplicate, or in `catchUp`) before it fails
 * as a fault of the moment: past the client's own recovery of an ordered consumer (two missed
 * 2.5 s heartbeats) with room to make it again.
 */
export const STATE_CATCH_UP_BOUND_MS = 8_000;
/** While a stalled subscription is being made again, waits fail this soon instead. */
const WHILE_FOLLOWING_AGAIN_BOUND_MS = 1_000;
/**
 * How often a store that applied nothing since the last look compares the stream's end with what it
 * applied: a replica serving only reads would otherwise keep a stalled subscription's stale state
 * until a command happened to wait on it. One stream-info request per stream and period when idle.
 */
export const STALL_CHECK_EVERY_MS = 10_000;

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

export interface Executed<S, E> {
  readonly events: readonly E[];
  readonly state: S;
}

function fold<S, E>(definition: AggregateDefinition<S, E>, state: S, events: readonly E[]): S {
  let next = state;
  for (const event of events) next = definition.evolve(next, event);
  return next;
}

/** At most this many queued commands of one subject go in one message… */
const MAX_BATCH = 16;
/** …and, beyond the first, only while their events stay under this many JSON characters (far below max_payload). */
const MAX_BATCH_CHARS = 128 * 1024;

/** How many of the decided commands, from the first, go in one message. */
function fitting<S, E>(decided: readonly Decided<S, E>[]): number {
  if (decided.length === 1) return 1;
  let chars = 0;
  for (let i = 0; i < decided.length; i++) {
    const d = decided[i]!;
    chars += JSON.stringify(d.events).length + (d.events.length > 0 ? JSON.stringify(d.command.opts.headers ?? {}).length * d.events.length : 0);
    if (i > 0 && chars > MAX_BATCH_CHARS) return i;
  }
  return decided.length;
}

interface Queued<S, E> {
  readonly decide: (state: S) => readonly E[];
  readonly opts: ExecuteOptions;
  readonly resolve: (executed: Executed<S, E>) => void;
  readonly reject: (err: unknown) => void;
}

interface Decided<S, E> {
  readonly command: Queued<S, E>;
  readonly events: readonly E[];
  readonly state: S;
  /** What `decide` threw (`events` is then empty). */
  readonly refusal?: unknown;
}

function settle<S, E>(d: Decided<S, E>): void {
  if ('refusal' in d) d.command.reject(d.refusal);
  else d.command.resolve({ events: d.events, state: d.state });
}

/**
 * One command's message id and headers as they always were; several commands' ids joined (a retry
 * of the same batch is still stored once) and each event with its command's headers. An attempt
 * after a conflict is another decision, so another message: its id says which attempt it is. A
 * clustered nats-server 2.10 answers a publish whose id it saw on a refused attempt moments before
 * as a duplicate of nothing stored (`seq: 0`), which would fail the command.
 */
function appendMeta<S, E>(writing: readonly Decided<S, E>[], attempt: number): { messageId: string; headers?: Readonly<Record<string, string>>; eventHeaders?: Readonly<Record<string, string>>[] } {
  const first = writing[0]!.command.opts;
  const headers = first.headers ? { headers: first.headers } : {};
  const ofAttempt = (id: string) => (attempt === 1 ? id : `${id}~${attempt}`);
  if (writing.length === 1) return { messageId: ofAttempt(first.messageId), ...headers };
  return {
    messageId: ofAttempt(writing.map((d) => d.command.opts.messageId).join(',')),
    ...headers,
    eventHeaders: writing.flatMap((d) => d.events.map(() => d.command.opts.headers ?? {})),
  };
}

/** A write of this process applied from its ack, before the subscription delivered it. */
interface AckedWrite<S, E> {
  readonly sequence: number;
  readonly events: readonly E[];
  /** The subject's sequence the write's state was folded on, and that state with its events. */
  base: number;
  state: S;
}

/** A subject with acked writes not yet delivered: the state the subscription alone has folded, and those writes. */
interface Unconfirmed<S, E> {
  confirmed: Versioned<S>;
  writes: AckedWrite<S, E>[];
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
  readonly #stoppedListeners: Array<(err: Error) => void> = [];
  readonly #waiters: Array<{ target: number; resolve: () => void }> = [];
  /** Commands waiting on each subject (the first of them running); conflicts remain only between processes. */
  readonly #queues = new Map<string, Queued<S, E>[]>();
  /** Subjects whose state holds acked writes the subscription has not delivered yet (#applyAcked). */
  readonly #unconfirmed = new Map<string, Unconfirmed<S, E>>();
  #handled = 0;
  #subscription: CatchUpSubscription | undefined;
  #stopping = false;
  /** A handler threw: following again would meet the same message. */
  #poisoned = false;
  /** A new subscription is being made (after one closed with an error, or stalled). */
  #following = false;
  #stallCheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly stream: string,
    private readonly definition: AggregateDefinition<S, E>,
  ) {}

  /** Replays the stream and keeps following it; resolves once the existing history is applied. */
  async start(): Promise<void> {
    await this.#follow(1);
    await this.#subscription!.caughtUp;
    if (!this.#stopping) this.#watchForStalls();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#stallCheck);
    await this.#subscription?.stop();
  }

  /**
   * Every STALL_CHECK_EVERY_MS the store asks the stream's end and, when behind, waits for it as a
   * command would (#reachWithin, which tells a stalled subscription from a slow one by nothing
   * applied while waiting, reports it and makes it again). At the end it asks nothing more.
   */
  #watchForStalls(): void {
    let looking = false;
    this.#stallCheck = setInterval(() => {
      if (looking || this.#stopping || this.#poisoned || this.#following) return;
      looking = true;
      void withinMs(this.store.lastSequence(this.stream), STATE_CATCH_UP_BOUND_MS)
        .then((end) => this.#reachWithin(end, 'not-done'))
        // Not reached: reported and made again by #reachWithin; JetStream away or slow: the next look asks again.
        .catch(() => undefined)
        .finally(() => { looking = false; });
    }, STALL_CHECK_EVERY_MS);
    this.#stallCheck.unref();
  }

  /**
   * Follows the stream from `from`. A handler that throws ends it for good (onStopped): the message
   * would throw again. A consumer lost otherwise (JetStream away longer than the client recreates
   * it for) is followed again from the next message after a pause, for as long as it takes.
   */
  async #follow(from: number): Promise<void> {
    const subscription = await this.store.subscribe<E>(
      this.stream,
      // The whole stream, never a filter: catchUp() waits for the stream's last sequence.
      { fromSequence: from },
      (msg) => {
        try {
          this.#onMessage(msg);
        } catch (err) {
          this.#poisoned = true;
          throw err;
        }
      },
    );
    this.#subscription = subscription;
    // Stopped while this subscription was being made (a follow after a stall): it must not outlive the store.
    if (this.#stopping) void subscription.stop().catch(() => undefined);
    void subscription.closed.then((err) => {
      // A subscription replaced since (it stalled: #reachWithin) is no longer followed.
      if (!err || this.#stopping || this.#subscription !== subscription) return;
      if (this.#poisoned) for (const listener of this.#stoppedListeners) listener(err);
      else void this.#followAgain();
    });
  }

  async #followAgain(stalled?: CatchUpSubscription): Promise<void> {
    if (this.#following) return;
    this.#following = true;
    try {
      // Bounded: stopping a consumer whose node is gone may itself not be answered.
      if (stalled) await Promise.race([stalled.stop().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000))]);
      for (let attempt = 1; !this.#stopping; attempt++) {
        await new Promise((r) => setTimeout(r, Math.min(5_000, 500 * attempt)));
        if (this.#stopping) return;
        try {
          return await this.#follow(this.#handled + 1);
        } catch {
          // JetStream not answering yet: the next attempt waits longer.
        }
      }
    } finally {
      this.#following = false;
    }
  }

  /**
   * Waits until `target` is applied, for at most STATE_CATCH_UP_BOUND_MS. A subscription that
   * stalls (its consumer's node killed, and the client never making it again) would otherwise
   * hold this subject's queue, and every later command on it, for ever: past the bound the command
   * fails as a fault of the moment, and the subscription is made again from the last message
   * applied (reported as a `stalled` stream anomaly).
   */
  async #reachWithin(target: number, fault: 'not-done' | 'unknown'): Promise<void> {
    if (target <= this.#handled) return;
    const boundMs = this.#following ? WHILE_FOLLOWING_AGAIN_BOUND_MS : STATE_CATCH_UP_BOUND_MS;
    const subscription = this.#subscription;
    const handledAtStart = this.#handled;
    let timer: NodeJS.Timeout | undefined;
    const reached = await new Promise<boolean>((resolve) => {
      const waiter = { target, resolve: () => resolve(true) };
      this.#waiters.push(waiter);
      timer = setTimeout(() => {
        // A waiter left behind would be scanned at every message until its target comes.
        const at = this.#waiters.indexOf(waiter);
        if (at >= 0) this.#waiters.splice(at, 1);
        resolve(false);
      }, boundMs);
      // A look of the stall check may be waiting as the process stops: it must not hold the process.
      timer.unref();
    });
    clearTimeout(timer);
    if (reached) return;
    // Stalled, not merely slow: the same subscription, and nothing applied while waiting.
    const stalled = this.#subscription === subscription && this.#handled === handledAtStart;
    if (stalled && !this.#stopping && !this.#poisoned && !this.#following) {
      recordStreamAnomaly({ kind: 'stalled', stream: this.stream, subject: '', streamSequence: target, reason: `the subscription applied nothing for ${boundMs} ms while the stream was at ${target}: made again from ${this.#handled + 1}` });
      void this.#followAgain(this.#subscription);
    }
    throw new StateBehindStream(this.stream, target, this.#handled, boundMs, fault);
  }

  /**
   * Hears the error of a handler that threw, which ends the stream's subscription for good: the
   * states stop following the stream from then on, and every catch-up would fail past its bound,
   * so the owner should not go on serving (StreamAggregates exits for the supervisor).
   */
  onStopped(listener: (err: Error) => void): void {
    this.#stoppedListeners.push(listener);
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
   *
   * Commands on one subject run one after another in this process. Those that queue up while an
   * append is on its way are decided together, each against the state the ones before it leave,
   * and appended as one message (group commit: one JetStream round trip for the lot, each event
   * keeping its command's headers). The message's expected sequence still guards the whole
   * batch, so another process's write makes the batch decide again.
   */
  execute(subject: string, decide: (state: S) => readonly E[], opts: ExecuteOptions): Promise<Executed<S, E>> {
    return new Promise((resolve, reject) => {
      const queue = this.#queues.get(subject);
      const command: Queued<S, E> = { decide, opts, resolve, reject };
      if (queue) return void queue.push(command);
      this.#queues.set(subject, [command]);
      // Started on a microtask, as before: `decide` never runs inside the caller's `execute` call.
      queueMicrotask(() => void this.#drain(subject));
    });
  }

  async #drain(subject: string): Promise<void> {
    const queue = this.#queues.get(subject)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      let retry: Queued<S, E>[] = [];
      try {
        retry = await this.#executeBatch(subject, batch);
      } catch (err) {
        // Whatever failed outside an append (catching up, sizing events) fails the batch, not the subject's queue.
        for (const command of batch) command.reject(err);
      }
      // Commands refused against a batch that was not stored are decided again, first.
      queue.unshift(...retry);
    }
    this.#queues.delete(subject);
  }

  /** Settles every command of the batch, except those it hands back to be decided again. */
  async #executeBatch(subject: string, queued: Queued<S, E>[]): Promise<Queued<S, E>[]> {
    const attempts = Math.max(...queued.map((c) => c.opts.maxAttempts ?? 5));
    let batch = queued;
    let overflow: Queued<S, E>[] = [];
    for (let attempt = 1; ; attempt++) {
      const current = this.get(subject);
      const all = this.#decideInTurn(current.state, batch);
      const fit = fitting(all);
      const decided = all.slice(0, fit);
      // Those past the size bound wait for the next message, decided again after it; those set
      // aside by an earlier attempt stay set aside (a conflict narrows the batch to what fitted).
      overflow = [...all.slice(fit).map((d) => d.command), ...overflow];
      batch = decided.map((d) => d.command);
      const writing = decided.filter((d) => d.events.length > 0);
      if (writing.length === 0) {
        for (const d of decided) settle(d);
        return overflow;
      }
      try {
        const events = writing.flatMap((d) => d.events);
        const result = await this.store.append(subject, events, { expectedSubjectSequence: current.sequence, ...appendMeta(writing, attempt) });
        // A duplicate means an earlier attempt with this id was stored: its events reach us by the subscription.
        if (result.duplicate) await this.#reachWithin(result.streamSequence, 'unknown');
        // The subscription may have delivered our own message before the ack came back: apply once.
        else if (this.get(subject).sequence < result.streamSequence) this.#applyAcked(subject, events, result.streamSequence);
        const latest = this.get(subject).state;
        // A command alone answers the latest state, as it always did; in a batch, the state its own events left.
        for (const d of decided) settle(decided.length === 1 || result.duplicate ? { ...d, state: latest } : d);
        return overflow;
      } catch (err) {
        if (err instanceof ConcurrencyError && attempt < attempts) {
          // Without the actual sequence (10164, clustered 2.11+) the conflict may be a write still in
          // flight rather than one stored: a short, jittered pause before reading the end again.
          if (err.actualSubjectSequence === undefined) await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 20)));
          await this.#catchUpWithin('not-done');
          continue;
        }
        // "Duplicate" of a message the server does not hold: if the subject has not moved since the
        // decision, nothing of this command was stored (the id was a refused attempt's): decided
        // again under the next attempt's id. If it moved, the message may be among the new ones, and
        // the writers learn that the outcome is unknown (a 503 that offers no retry). So too when a
        // publish with the same id is still being stored (a caller's retry meeting its first try):
        // an unmoved subject shows nothing then.
        if (err instanceof UnconfirmedAppend && !err.mayYetLand && attempt < attempts) {
          await this.#catchUpWithin('unknown');
          if (this.get(subject).sequence === current.sequence) continue;
        }
        for (const d of writing) d.command.reject(err);
        // A refusal or no-op decided behind events that were not stored says nothing: decide it again.
        return [...decided.filter((d) => d.events.length === 0).map((d) => d.command), ...overflow];
      }
    }
  }

  /** Each command decided against the state the ones before it leave; a refusal leaves the state as it was. */
  #decideInTurn(initial: S, batch: readonly Queued<S, E>[]): Decided<S, E>[] {
    let state = initial;
    return batch.map((command) => {
      try {
        const events = command.decide(state);
        for (const event of events) state = this.definition.evolve(state, event);
        return { command, events, state };
      } catch (refusal) {
        return { command, events: [], state, refusal };
      }
    });
  }

  /** The stream sequence of the last message applied (it only grows). */
  get handled(): number {
    return this.#handled;
  }

  /** Waits until every message up to `sequence` has been applied. */
  appliedThrough(sequence: number): Promise<void> {
    return this.#waitFor(sequence);
  }

  /** The states of every subject as a read model, viewable at a cut. */
  view(name: string): ReadModelView {
    return this.#history.view(name, this.stream, (seq) => this.appliedThrough(seq));
  }

  /**
   * Waits until every message stored before this call has been applied; true when some were not
   * applied yet at the call. Rejects with StateBehindStream past STATE_CATCH_UP_BOUND_MS.
   */
  catchUp(): Promise<boolean> {
    return this.#catchUpWithin('not-done');
  }

  async #catchUpWithin(fault: 'not-done' | 'unknown'): Promise<boolean> {
    const handled = this.#handled;
    await this.#reachWithin(await this.store.lastSequence(this.stream), fault);
    return this.#handled > handled;
  }

  #onMessage(msg: StoredMessage<E>): void {
    const pending = this.#unconfirmed.get(msg.subject);
    if (pending) this.#confirm(pending, msg);
    else {
      const known = this.#states.get(msg.subject);
      if (!known || msg.streamSequence > known.sequence) this.#apply(msg.subject, msg.events, msg.streamSequence, msg.time);
    }
    this.#markHandled(msg.streamSequence);
  }

  /**
   * A write of this process, applied as soon as its ack says it is stored, so the writer's next
   * command sees it without waiting for the subscription. It stays unconfirmed until the
   * subscription delivers it (#confirm).
   */
  #applyAcked(subject: string, events: readonly E[], streamSequence: number): void {
    const current = this.get(subject);
    let pending = this.#unconfirmed.get(subject);
    if (!pending) this.#unconfirmed.set(subject, (pending = { confirmed: current, writes: [] }));
    const state = fold(this.definition, current.state, events);
    pending.writes.push({ sequence: streamSequence, events, base: current.sequence, state });
    this.#set(subject, events, state, { streamSequence, time: new Date() });
  }

  /**
   * The subscription's message for a subject with unconfirmed writes. Normally it is the first of
   * them, folded on the state it was folded on: confirmed as it is. Anything else means a message
   * of another writer sits between the writes' base and them, which expected-sequence appends rule
   * out but a clustered nats-server before 2.9.21 can store (nats-io/nats-server#4320,
   * docs/architecture.md "Cluster mode"): the state is folded again in stream order, the order
   * every replay folds, rather than keep the other writer's events out of it for good.
   */
  #confirm(pending: Unconfirmed<S, E>, msg: StoredMessage<E>): void {
    if (msg.streamSequence <= pending.confirmed.sequence) return;
    const first = pending.writes[0]!;
    if (first.sequence === msg.streamSequence && first.base === pending.confirmed.sequence) {
      pending.confirmed = { state: first.state, sequence: first.sequence };
      pending.writes.shift();
    } else {
      this.#refold(pending, msg);
      if (msg.events.length > 0) {
        recordStreamAnomaly({
          kind: 'refold', stream: this.stream, subject: msg.subject, streamSequence: msg.streamSequence,
          reason: first.sequence === msg.streamSequence
            ? `this process's write ${first.sequence} arrived on a subject moved on since its base ${first.base}; the subject's state was folded again in stream order`
            : `another writer's message arrived below this process's write ${first.sequence}, which expected the subject at ${first.base}; the subject's state was folded again in stream order`,
        });
      }
    }
    if (pending.writes.length === 0) this.#unconfirmed.delete(msg.subject);
  }

  /** The message folded on the confirmed state, the writes still unconfirmed folded again on it, their versions recorded anew. */
  #refold(pending: Unconfirmed<S, E>, msg: StoredMessage<E>): void {
    const { subject } = msg;
    pending.confirmed = { state: fold(this.definition, pending.confirmed.state, msg.events), sequence: msg.streamSequence };
    pending.writes = pending.writes.filter((w) => w.sequence > msg.streamSequence);
    this.#history.forgetFrom(subject, msg.streamSequence);
    this.#history.set(subject, msg.streamSequence, pending.confirmed.state);
    let { state, sequence } = pending.confirmed;
    for (const w of pending.writes) {
      w.base = sequence;
      w.state = state = fold(this.definition, state, w.events);
      sequence = w.sequence;
      this.#history.set(subject, sequence, state);
    }
    this.#states.set(subject, { state, sequence });
    // Listeners are not told: they heard of the writes above at their higher sequences already, and
    // their own version histories accept no older one. Models they feed lack the other writer's
    // events until the service restarts; the refold is reported (stream anomaly) for that reason.
  }

  #apply(subject: string, events: readonly E[], streamSequence: number, time: Date): void {
    this.#set(subject, events, fold(this.definition, this.get(subject).state, events), { streamSequence, time });
  }

  #set(subject: string, events: readonly E[], state: S, msg: { streamSequence: number; time: Date }): void {
    this.#states.set(subject, { state, sequence: msg.streamSequence });
    this.#history.set(subject, msg.streamSequence, state);
    // A message that is no event of its subject (StoredMessage.foreign) moves the subject's sequence only.
    if (events.length === 0) return;
    for (const listener of this.#listeners) listener(subject, events, state, msg);
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

/** `promise`, or a rejection once `ms` have passed without it settling. */
function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
