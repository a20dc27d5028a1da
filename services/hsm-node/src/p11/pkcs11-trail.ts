import type { CallRecord } from '@dew/hsm-control';
import type { RecordCall } from '../api/call-audit.js';

/** Who made a key the sweep found: the node never sees which application's session it was. */
export const PKCS11_CALLER = 'pkcs11';

/**
 * The audit trail of what PKCS#11 applications did to the token, as the sweep finds it (docs/hsm.md,
 * "Traces"): a key created (mirrored or not) and a key destroyed. The key exists before its record,
 * so a record the control plane could not store is kept and sent again after the next sweep.
 */
export class Pkcs11Trail {
  readonly #pending: CallRecord[] = [];
  /** Keys traced as created that will never be mirrored, by id and label: their destruction is traced too. */
  readonly #unmirrored = new Map<string, { id: string; label: string }>();

  constructor(private readonly recordCall: RecordCall) {}

  createdMirrored(id: string, label: string, keyType: string): void {
    this.#add('Pkcs11KeyCreated', id, label, { keyType, mirrored: 'yes' });
  }

  /** Traced once per key. */
  createdUnmirrored(id: string, label: string): void {
    const key = `${id}\n${label}`;
    if (this.#unmirrored.has(key)) return;
    this.#unmirrored.set(key, { id, label });
    this.#add('Pkcs11KeyCreated', id, label, { mirrored: 'no' });
  }

  destroyed(id: string, label = ''): void {
    this.#add('Pkcs11KeyDestroyed', id, label, {});
  }

  /** Traces the destruction of the unmirrored keys no longer among `present`. */
  goneUnmirrored(present: readonly { id: string; label: string }[]): void {
    const still = new Set(present.map((o) => `${o.id}\n${o.label}`));
    for (const [key, k] of this.#unmirrored) {
      if (still.has(key)) continue;
      this.#unmirrored.delete(key);
      this.destroyed(k.id, k.label);
    }
  }

  /** Sends the records in order; stops at the first that cannot be stored (sent again next time). */
  async flush(): Promise<void> {
    while (this.#pending.length > 0) {
      try {
        await this.recordCall(this.#pending[0]!);
      } catch {
        return;
      }
      this.#pending.shift();
    }
  }

  #add(operation: string, id: string, label: string, request: Record<string, string>): void {
    this.#pending.push({ operation, resourceId: id, resourceName: label, code: 0, message: '', caller: PKCS11_CALLER, sourceIp: '', request });
  }
}
