import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
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

  private constructor(private readonly nc: NatsConnection, private readonly js: JetStreamClient, private readonly stream: string, private readonly subject: string) {}

  static async open(nc: NatsConnection, stream: string, subject: string): Promise<MirrorLog> {
    await ensureStream(await jetstreamManager(nc), { name: stream, subjects: [subject] });
    return new MirrorLog(nc, jetstream(nc), stream, subject);
  }

  async publish(record: MirrorRecord): Promise<number> {
    const ack = await this.js.publish(this.subject, encodeRecord(record));
    return ack.seq;
  }

  /** Applies every record from the first on, then follows new ones; `apply` must be idempotent. */
  async follow(apply: (r: MirrorRecord, seq: number) => void): Promise<void> {
    this.#run = await startOrderedRun(this.js, this.stream, { from: 1, until: 0 }, (m) => {
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
    const last = (await jsm.streams.info(this.stream)).state.last_seq;
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
