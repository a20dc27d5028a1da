import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { isWrongLastSequenceError } from './stream-publish.js';

const MARK = new Uint8Array();

/**
 * Remembers keys for a while in a KV bucket (the bucket's max age is the TTL), so every instance
 * on the bucket sees the same memory: the first offer of a key wins, any other offer within the
 * TTL loses. The KV create is atomic on the server (expected last sequence 0).
 */
export class SeenOnce {
  #kv: Promise<KV> | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly bucket: string,
    private readonly ttlMs: number,
    private readonly replicas = 1,
  ) {}

  /** True the first time `key` (a valid KV key) is offered within the TTL; false on any reuse. */
  async firstOffer(key: string): Promise<boolean> {
    const kv = await this.#bucket();
    try {
      await kv.create(key, MARK);
      return true;
    } catch (err) {
      if (isWrongLastSequenceError(err)) return false;
      throw err;
    }
  }

  #bucket(): Promise<KV> {
    this.#kv ??= new Kvm(this.nc).create(this.bucket, { ttl: this.ttlMs, history: 1, replicas: this.replicas }).catch((err: unknown) => {
      this.#kv = undefined;
      throw err;
    });
    return this.#kv;
  }
}
