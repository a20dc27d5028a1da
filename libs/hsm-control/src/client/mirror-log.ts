import type { ControlClient } from './control-client.js';
import { lastingStream, type LastingStream } from './lasting-stream.js';

/** How the node's records become bytes on the mirror and back. */
export interface RecordCodec<T> {
  encode(record: T): Uint8Array;
  decode(data: Uint8Array): T;
  /**
   * Whether the bytes are a record of some version, decodable here or not. One that is, and does
   * not decode (a newer active's record during an upgrade), stops the follower: the standby must
   * never skip a key. Without it every message that does not decode is taken for a record.
   */
  isRecord?(data: Uint8Array): boolean;
}

/**
 * The instance's mirror through the control plane. The active publishes every key creation and
 * destruction and acknowledges its client only after JetStream's ack; both nodes apply the records
 * in order, from the one after the last applied (also after the control plane restarted).
 */
export class MirrorLog<T> {
  #applied = 0;
  #stream: LastingStream | undefined;
  #failed = false;
  #end!: (err: Error | null) => void;
  readonly #closed = new Promise<Error | null>((resolve) => { this.#end = resolve; });

  constructor(
    private readonly control: ControlClient,
    private readonly codec: RecordCodec<T>,
    /** Told of a message that holds no record (docs/bus-security.md, "Subjects the server publishes to"). */
    private readonly skipped: (seq: number) => void = () => undefined,
  ) {}

  async publish(record: T): Promise<number> {
    return (await this.control.call<{ seq: number }>('publishMirror', { data: Buffer.from(this.codec.encode(record)) })).seq;
  }

  /** Applies every record from the first on, then follows new ones; `apply` must be idempotent. */
  async follow(apply: (r: T, seq: number) => void): Promise<void> {
    this.#stream = await lastingStream(() => this.control.stream('followMirror', { seq: this.#applied + 1 }), (m) => {
      const { seq, data, stray } = m as { seq: number; data: Buffer; stray?: boolean };
      // A reopened stream may repeat what an earlier one delivered; after a failure nothing more is applied.
      if (seq <= this.#applied || this.#failed) return;
      // Bytes stored on the mirror subject on someone's behalf (docs/bus-security.md, "Subjects the
      // server publishes to"): a copy bound to another subject, or no record of any version.
      if (stray === true || (this.codec.isRecord !== undefined && !this.codec.isRecord(data))) {
        this.#applied = seq;
        this.skipped(seq);
        return;
      }
      try {
        apply(this.codec.decode(data), seq);
        this.#applied = seq;
      } catch (err) {
        // Nothing after a record that failed is applied: the standby must never skip a key.
        this.#failed = true;
        this.#stream?.stop();
        this.#end(err as Error);
      }
    });
  }

  /** Resolves when following stopped: null when asked to, else the error that ended it. */
  get closed(): Promise<Error | null> {
    return this.#closed;
  }

  get appliedSeq(): number {
    return this.#applied;
  }

  /** Resolves once every record of the instance in the stream now has been applied. */
  async catchUp(timeoutMs: number): Promise<void> {
    const { seq: last } = await this.control.call<{ seq: number }>('lastMirrorSequence', {});
    const deadline = Date.now() + timeoutMs;
    while (this.#applied < last) {
      if (Date.now() > deadline) throw new Error(`mirror not caught up: applied ${this.#applied} of ${last}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async stop(): Promise<void> {
    this.#stream?.stop();
    this.#end(null);
  }
}
