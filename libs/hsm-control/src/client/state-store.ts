import type { ControlClient } from './control-client.js';
import { lastingStream } from './lasting-stream.js';

interface Entry {
  readonly present: boolean;
  readonly value: string;
  readonly revision: number;
}

/**
 * The instance's shared, non-secret state through the control plane: exchange public points, the
 * CA certificate, the administrator's UKey public key, the revocation list. Keys are relative to
 * the instance of this node's certificate.
 */
export class StateStore {
  constructor(private readonly control: ControlClient) {}

  async get(key: string): Promise<{ value: string; revision: number } | undefined> {
    const e = await this.control.call<Entry>('getState', { key });
    return e.present ? { value: e.value, revision: e.revision } : undefined;
  }

  async put(key: string, value: string): Promise<void> {
    await this.control.call('putState', { key, value });
  }

  /** False when the key exists already (someone else created it first). */
  async create(key: string, value: string): Promise<boolean> {
    return (await this.control.call<{ written: boolean }>('createState', { key, value })).written;
  }

  /** Compare-and-swap on the revision read; false when another writer came first. */
  async update(key: string, value: string, revision: number): Promise<boolean> {
    return (await this.control.call<{ written: boolean }>('updateState', { key, value, revision })).written;
  }

  async waitFor(key: string, pollMs: number, signal: AbortSignal): Promise<string> {
    for (;;) {
      const e = await this.get(key).catch(() => undefined);
      if (e !== undefined) return e.value;
      if (signal.aborted) throw new Error(`stopped while waiting for ${key}`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  /** Calls `onChange` with every value the key takes from now on (the current one first, again after a reconnect). */
  async watch(key: string, onChange: (value: string | undefined) => void): Promise<() => void> {
    const stream = await lastingStream(() => this.control.stream('watchState', { key }), (m) => {
      const e = m as Entry;
      onChange(e.present ? e.value : undefined);
    });
    return () => stream.stop();
  }
}
