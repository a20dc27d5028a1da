/** One stored message: all events one command produced, appended atomically. */
export interface StoredMessage<E> {
  readonly stream: string;
  readonly subject: string;
  readonly streamSequence: number;
  readonly time: Date;
  readonly events: readonly E[];
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Each event's own headers, when the message holds several commands (group commit); `headers`
   * are then the first command's. Absent for a message of one command.
   */
  readonly eventHeaders?: readonly Readonly<Record<string, string>>[];
  /**
   * Set when the message is no event of its subject (a copy nats-server delivered there, bytes
   * that are no event-store body): why, in words. `events` is then empty; readers skip it.
   */
  readonly foreign?: string;
}

interface AppendCommonOptions {
  /** Idempotency key: a retry with the same id inside the stream's duplicate window is stored once. */
  readonly messageId: string;
  /** Application headers; names starting with `Nats-` are reserved for the server. */
  readonly headers?: Readonly<Record<string, string>>;
  /** One set of headers per event, stored in the body: several commands' events in one message. */
  readonly eventHeaders?: readonly Readonly<Record<string, string>>[];
}

export type AppendOptions = AppendCommonOptions &
  (
    | {
        /** Stream sequence of the subject's last message; 0 = the subject must have no message yet. */
        readonly expectedSubjectSequence: number;
        readonly expectedStreamSequence?: never;
      }
    | {
        /**
         * The stream's last sequence instead (0 = empty stream): an aggregate whose writers each
         * append to their own subject of one stream (the root key ring, libs/root-key/src/ring.ts).
         */
        readonly expectedStreamSequence: number;
        readonly expectedSubjectSequence?: never;
      }
  );

export interface AppendResult {
  readonly streamSequence: number;
  /** True when the message id had been stored already; streamSequence is then the original one. */
  readonly duplicate: boolean;
}

/** The subject moved on since the caller decided: catch up, decide again, retry. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';

  constructor(
    readonly subject: string,
    readonly expectedSubjectSequence: number,
    /** The subject's last sequence as the server reported it, when it did. */
    readonly actualSubjectSequence?: number,
  ) {
    super(
      `append to ${subject} expected its last sequence to be ${expectedSubjectSequence}, `
      + (actualSubjectSequence === undefined ? 'but it has moved on' : `but it is ${actualSubjectSequence}`),
    );
  }
}

/**
 * The server answered an append as a duplicate of a message it does not hold (messaging's
 * DuplicateOfUnstored, the cause): unless `mayYetLand` (a publish with the same id still being
 * stored: DuplicateInProcess), the caller may find out by catching up whether the subject moved on
 * since its expected sequence; with it, only time tells, and the outcome is unknown.
 */
export class UnconfirmedAppend extends Error {
  override readonly name = 'UnconfirmedAppend';

  constructor(
    readonly subject: string,
    readonly expectedSubjectSequence: number,
    options: { cause: unknown },
    readonly mayYetLand = false,
  ) {
    super(`append to ${subject} after ${expectedSubjectSequence}: the server answered "duplicate" of no stored message${mayYetLand ? ' (one with the same id is still being stored)' : ''}`, options);
  }
}

export interface CatchUpSubscription {
  /**
   * Resolves once every message that existed when the subscription started has been handled
   * (at once for an empty stream). Rejects if the subscription fails or is stopped before that.
   */
  readonly caughtUp: Promise<void>;
  /**
   * Resolves when the subscription has ended: null after stop(), otherwise the error that ended
   * it (a handler threw, a message could not be decoded, the consumer or connection was lost).
   * No handler runs after an error: the failed message and everything after it stay unhandled.
   */
  readonly closed: Promise<Error | null>;
  /** Stream sequence of the last message whose handler completed (fromSequence - 1 before any). */
  readonly lastSequence: () => number;
  /**
   * Stops delivery and waits for a running handler to finish; no handler runs afterwards.
   * A handler may call stop() but must not await it (it would wait for itself).
   */
  stop(): Promise<void>;
}

export interface ReadOptions {
  readonly fromSequence?: number;
  readonly toSequence?: number;
  readonly subject?: string;
}

export interface SubscribeOptions {
  readonly fromSequence?: number;
  readonly subject?: string;
}

export interface EventStore {
  append<E>(subject: string, events: readonly E[], opts: AppendOptions): Promise<AppendResult>;
  /** Messages from `fromSequence` (default 1) up to `toSequence` or the stream's last sequence at call time. */
  read<E>(stream: string, opts?: ReadOptions): Promise<StoredMessage<E>[]>;
  /** Handlers are awaited one at a time, in stream order. */
  subscribe<E>(
    stream: string,
    opts: SubscribeOptions,
    handler: (msg: StoredMessage<E>) => void | Promise<void>,
  ): Promise<CatchUpSubscription>;
  lastSequence(stream: string): Promise<number>;
}
