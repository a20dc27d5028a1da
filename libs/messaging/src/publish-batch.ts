import type { MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import { perConnection } from './per-connection.js';

/** Told why the bus refused one publish of a batch (too large, connection closed); must not throw. */
export type PublishRefused = (err: unknown) => void;

export interface BatchedPublishOptions {
  readonly reply?: string;
  readonly headers?: MsgHdrs;
}

interface Queued {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly options: BatchedPublishOptions | undefined;
  readonly refused: PublishRefused | undefined;
}

/** A batch this long goes to nats.js at once instead of at the end of the turn: the queue stays bounded. */
export const PUBLISH_BATCH_LIMIT = 256;

/**
 * The publishes one event-loop turn makes on a connection, handed to nats.js together in the
 * turn's check phase (docs/performance.md "Write coalescing on the bus"): nats.js writes its
 * outbound buffer once per microtask checkpoint, and Node runs one after every I/O callback, so
 * 64 HTTP requests answered in one turn were 64 socket writes; batched they are one. Publishes
 * keep their order (one FIFO per connection). A publish nats.js refuses is reported to its own
 * `refused` callback; the publishes around it still go out. An idle connection waits at most one
 * turn.
 */
export class PublishBatch {
  readonly #nc: NatsConnection;
  #queue: Queued[] = [];
  #scheduled = false;
  readonly #onImmediate = (): void => {
    this.#scheduled = false;
    this.flush();
  };

  static readonly of = perConnection((nc) => new PublishBatch(nc));

  private constructor(nc: NatsConnection) {
    this.#nc = nc;
  }

  /** Publishes waiting for the end of the turn (tests and diagnostics). */
  get queued(): number {
    return this.#queue.length;
  }

  publish(subject: string, data: Uint8Array, options?: BatchedPublishOptions, refused?: PublishRefused): void {
    this.#queue.push({ subject, data, options, refused });
    if (this.#queue.length >= PUBLISH_BATCH_LIMIT) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#onImmediate);
    }
  }

  /** Hands every queued publish to nats.js now, in order; nats.js writes them in one go. */
  flush(): void {
    const queue = this.#queue;
    if (queue.length === 0) return;
    this.#queue = [];
    let failures: Array<{ readonly refused: PublishRefused; readonly err: unknown }> | undefined;
    for (const { subject, data, options, refused } of queue) {
      try {
        // A fresh options object: nats.js writes into the one it is given.
        this.#nc.publish(subject, data, options ? { reply: options.reply, headers: options.headers } : undefined);
      } catch (err) {
        if (refused) (failures ??= []).push({ refused, err });
      }
    }
    // Told only after every publish went out, so no callback can keep the others from the bus.
    if (failures) for (const { refused, err } of failures) refused(err);
  }
}
