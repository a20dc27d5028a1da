import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * "One active instance at a time" for schedulers: a key in a KV bucket whose TTL (the bucket's
 * max age, a 2.9 feature) expires a holder that stopped renewing. Acquire = create (fails while
 * held); renew = update with the revision last written (fails if someone else took it over).
 */
export class KvLease {
  #kv: Promise<KV> | undefined;
  #revision: number | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly bucket: string,
    private readonly key: string,
    private readonly holder: string,
    private readonly ttlMs: number,
    private readonly replicas = 1,
  ) {}

  /** True while this instance holds the lease; call at least once per TTL to keep it. */
  async tryAcquire(): Promise<boolean> {
    const kv = await this.#bucket();
    const value = new TextEncoder().encode(this.holder);
    if (this.#revision !== undefined) {
      try {
        this.#revision = await kv.update(this.key, value, this.#revision);
        return true;
      } catch {
        // Not renewed this round. A failed update is not always another holder: a fault of the
        // moment, or on a clustered 2.11+ server a conditional write still in flight (10164), fail
        // it too. While the key still holds this holder at this revision the lease stays ours to
        // renew next round (not held now: the caller's fence runs from its last renewal).
        if (await this.#stillOurs(kv, this.#revision, value)) return false;
        this.#revision = undefined;
      }
    }
    try {
      this.#revision = await kv.create(this.key, value);
      return true;
    } catch {
      return false;
    }
  }

  /** The key still holds `value` at `revision` (or could not be read: nothing shows it lost). */
  async #stillOurs(kv: KV, revision: number, value: Uint8Array): Promise<boolean> {
    try {
      const entry = await kv.get(this.key);
      return entry !== null && entry.operation === 'PUT' && entry.revision === revision && Buffer.from(entry.value).equals(value);
    } catch {
      return true;
    }
  }

  async release(): Promise<void> {
    if (this.#revision === undefined) return;
    const kv = await this.#bucket();
    await kv.delete(this.key, { previousSeq: this.#revision }).catch(() => undefined);
    this.#revision = undefined;
  }

  #bucket(): Promise<KV> {
    this.#kv ??= new Kvm(this.nc).create(this.bucket, { ttl: this.ttlMs, history: 1, replicas: this.replicas });
    return this.#kv;
  }
}
