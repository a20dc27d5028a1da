import { DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';

const ORDERED_PULL_EXPIRES_MS = 5_000;

export interface OrderedRun {
  /** Resolves once every message with stream sequence <= `until` was handled. */
  readonly reached: Promise<void>;
  readonly closed: Promise<Error | null>;
  readonly lastSequence: () => number;
  stop(): Promise<void>;
}

export interface OrderedRunOptions {
  readonly from: number;
  readonly until: number;
  readonly subject?: string;
  /**
   * Messages asked of the server per pull (the client's default: 100). A reader that folds a whole
   * stream at once asks for more, so fewer pulls are in flight per message.
   */
  readonly batch?: number;
  // No bound in bytes on purpose: nats.js counts the unused bytes of a pull the server ended at its
  // message bound as still pending, so later pulls shrink until one waits out its expiry
  // (docs/performance.md, "Replay stalls of 30–45 s").
}

/**
 * Runs one ordered consumer (JetStream 2.9: a single filter subject, ack none, recreated by the
 * client from its cursor after a gap or a server restart) and feeds its messages to `handle`
 * one at a time, awaiting each. The first failure ends the run: nothing after a failed message
 * is handled, so a caller never folds a state with a hole in it.
 */
export async function startOrderedRun(
  js: JetStreamClient,
  stream: string,
  opts: OrderedRunOptions,
  handle: (m: JsMsg) => void | Promise<void>,
): Promise<OrderedRun> {
  const consumer = await js.consumers.get(stream, {
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: opts.from,
    // A string, not an array: the client sends arrays as 2.10 `filter_subjects`.
    ...(opts.subject !== undefined ? { filter_subjects: opts.subject } : {}),
  });
  const { num_pending: pendingAtStart } = await consumer.info(true);

  let last = opts.from - 1;
  let ended = false;
  let stopRequested = false;
  const queue: JsMsg[] = [];
  let draining: Promise<void> | undefined;

  let resolveReached!: () => void;
  let rejectReached!: (err: Error) => void;
  let isReached = false;
  const reached = new Promise<void>((resolve, reject) => { resolveReached = resolve; rejectReached = reject; });
  // Callers that never await `reached` must not see an unhandled rejection.
  reached.catch(() => undefined);
  const markReached = (): void => {
    if (!isReached) { isReached = true; resolveReached(); }
  };

  let resolveClosed!: (err: Error | null) => void;
  const closed = new Promise<Error | null>((resolve) => { resolveClosed = resolve; });

  let messages: ConsumerMessages | undefined;
  const end = (err: Error | null): void => {
    if (ended) return;
    ended = true;
    queue.length = 0;
    if (!isReached) {
      isReached = true;
      rejectReached(err ?? new Error(`subscription on ${stream} stopped before catching up to sequence ${opts.until}`));
    }
    void messages?.close().catch(() => undefined);
    resolveClosed(err);
  };

  const drain = async (): Promise<void> => {
    for (let m = queue.shift(); m !== undefined && !ended; m = queue.shift()) {
      try {
        await handle(m);
      } catch (err) {
        end(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      last = m.seq;
      // pending 0: nothing matching is left in the stream, so everything up to `until` was handled.
      if (m.seq >= opts.until || m.info.pending === 0) markReached();
    }
  };
  const kick = (): void => {
    if (draining !== undefined || ended) return;
    draining = drain().finally(() => {
      draining = undefined;
      if (queue.length > 0) kick();
    });
  };

  if (opts.until < opts.from || pendingAtStart === 0) markReached();

  messages = await consumer.consume({
    // A pull expires after 5 s (the client's default is 30 s), so its idle heartbeat comes every
    // 2.5 s: when the node holding this consumer dies (a cluster node killed, docs/architecture.md
    // "Cluster mode"), the client misses two and recreates the consumer within seconds, instead
    // of leaving this process's read model behind for half a minute.
    expires: ORDERED_PULL_EXPIRES_MS,
    ...(opts.batch !== undefined ? { max_messages: opts.batch } : {}),
    callback: (m) => {
      if (ended) return;
      queue.push(m);
      kick();
    },
  });
  // A handler may already have failed while consume() was resolving.
  if (ended) void messages.close().catch(() => undefined);
  void messages.closed().then((err) => {
    if (stopRequested) return;
    end(err instanceof Error ? err : new Error(`subscription on ${stream} ended: its consumer closed (connection closed?)`));
  });

  return {
    reached,
    closed,
    lastSequence: () => last,
    async stop() {
      stopRequested = true;
      const running = draining;
      end(null);
      await messages?.close().catch(() => undefined);
      await running;
    },
  };
}
