import { jetstream, jetstreamManager, JetStreamApiCodes, JetStreamApiError, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { ensureStream, startOrderedRun, type OrderedRun } from '@dew/event-store';
import { decodeRecord, encodeRecord, type MirrorRecord } from './mirror-record.js';

/**
 * The instance's mirror stream. The active publishes every key creation and destruction and
 * acknowledges its client only after JetStream's ack; both nodes apply the stream in order.
 */
export class MirrorLog {
  #run: OrderedRun | undefined;
  #applied = 0;

  /** `subject`: this instance's records in the stream all instances share (names.ts). */
  private constructor(private readonly nc: NatsConnection, private readonly js: JetStreamClient, private readonly stream: string, private readonly subject: string) {}

  static async open(nc: NatsConnection, stream: string, streamSubjects: readonly string[], subject: string): Promise<MirrorLog> {
    await ensureStream(await jetstreamManager(nc), { name: stream, subjects: [...streamSubjects] });
    return new MirrorLog(nc, jetstream(nc), stream, subject);
  }

  async publish(record: MirrorRecord): Promise<number> {
    const ack = await this.js.publish(this.subject, encodeRecord(record));
    return ack.seq;
  }

  /** Applies every record from the first on, then follows new ones; `apply` must be idempotent. */
  async follow(apply: (r: MirrorRecord, seq: number) => void): Promise<void> {
    this.#run = await startOrderedRun(this.js, this.stream, { from: 1, until: 0, subject: this.subject }, (m) => {
      apply(decodeRecord(m.data), m.seq);
      this.#applied = m.seq;
    });
  }

  /** Resolves when following stopped: null when asked to, else the error that ended it. */
  get closed(): Promise<Error | null> {
    return this.#run?.closed ?? Promise.resolve(null);
  }

  get appliedSeq(): number {
    return this.#applied;
  }

  /** Resolves once every record in the stream now has been applied. */
  async catchUp(timeoutMs: number): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    // The stream's sequence counts every instance's records: wait for this instance's last one.
    const last = await jsm.streams.getMessage(this.stream, { last_by_subj: this.subject }).then(
      (m) => m?.seq ?? 0,
      (err: unknown) => {
        if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.NoMessageFound) return 0;
        throw err;
      },
    );
    const deadline = Date.now() + timeoutMs;
    while (this.#applied < last) {
      if (Date.now() > deadline) throw new Error(`mirror not caught up: applied ${this.#applied} of ${last}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async stop(): Promise<void> {
    await this.#run?.stop();
  }
}
