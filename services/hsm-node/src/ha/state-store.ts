import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * The instance's shared, non-secret state in a KV bucket: exchange public points, the CA
 * certificate, the administrator's UKey public key, the revocation list.
 */
export class StateStore {
  /** `prefix`: the instance's keys in the bucket all instances share (names.ts). */
  private constructor(private readonly kv: KV, private readonly prefix: string) {}

  static async open(nc: NatsConnection, bucket: string, prefix: string): Promise<StateStore> {
    return new StateStore(await new Kvm(nc).create(bucket, { history: 1 }), prefix);
  }

  async get(key: string): Promise<{ value: string; revision: number } | undefined> {
    const e = await this.kv.get(this.prefix + key);
    if (e === null || e.operation !== 'PUT') return undefined;
    return { value: e.string(), revision: e.revision };
  }

  async put(key: string, value: string): Promise<void> {
    await this.kv.put(this.prefix + key, value);
  }

  /** False when the key exists already (someone else created it first). */
  async create(key: string, value: string): Promise<boolean> {
    try {
      await this.kv.create(this.prefix + key, value);
      return true;
    } catch {
      return false;
    }
  }

  /** Compare-and-swap on the revision read; false when another writer came first. */
  async update(key: string, value: string, revision: number): Promise<boolean> {
    try {
      await this.kv.update(this.prefix + key, value, revision);
      return true;
    } catch {
      return false;
    }
  }

  async waitFor(key: string, pollMs: number, signal: AbortSignal): Promise<string> {
    for (;;) {
      const e = await this.get(key);
      if (e !== undefined) return e.value;
      if (signal.aborted) throw new Error(`stopped while waiting for ${key}`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  /** Calls `onChange` with every value the key takes from now on (the current one first). */
  async watch(key: string, onChange: (value: string | undefined) => void): Promise<() => void> {
    const w = await this.kv.watch({ key: this.prefix + key });
    void (async () => {
      for await (const e of w) onChange(e.operation === 'PUT' ? e.string() : undefined);
    })();
    return () => w.stop();
  }
}
