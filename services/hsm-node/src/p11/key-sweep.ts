import { randomBytes } from 'node:crypto';
import type * as P11 from 'pkcs11js';
import { pkcs11 } from '../token/pkcs11.js';
import type { Pkcs11Token } from '../token/pkcs11-token.js';
import type { ReplicatedKeys } from '../ha/replicated-keys.js';
import { DOMAIN_KEY_ID } from '../ha/node-key-ids.js';
import type { Report } from '../report.js';
import type { RecordCall } from '../api/call-audit.js';
import { Pkcs11Trail } from './pkcs11-trail.js';

export interface UnmirroredKey {
  /** CKA_ID in hex ('' when the key has none). */
  readonly keyId: string;
  readonly label: string;
  readonly reason: string;
}

export type { Report };

/** The node's one object in the application token (each node derives its own): never shipped, never reported. */
const NODE_OWN = new Set([DOMAIN_KEY_ID]);

interface KeyObject {
  readonly handle: P11.Handle;
  readonly objectClass: number;
  readonly id: string;
  readonly label: string;
}

/**
 * Mirrors what PKCS#11 applications do to the token (docs/hsm-appliance.md "PKCS#11"): p11-kit
 * server talks to SoftHSM directly, so the node finds changes by listing the token's keys. A key
 * the mirror does not hold is shipped like any key; a mirrored key gone from the token is
 * destroyed on the standby; a key that cannot be shipped is reported (event line once, Health).
 */
export class KeySweep {
  #unmirrored: UnmirroredKey[] = [];
  readonly #reported = new Set<string>();
  #running: Promise<void> | undefined;
  #again = false;

  readonly #trail: Pkcs11Trail;

  constructor(private readonly token: Pkcs11Token, private readonly keys: ReplicatedKeys, private readonly report: Report, recordCall: RecordCall) {
    this.#trail = new Pkcs11Trail(recordCall);
  }

  get unmirrored(): readonly UnmirroredKey[] {
    return this.#unmirrored;
  }

  /** Sweeps now; asked while a sweep runs, it runs exactly once more after it. */
  request(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        await this.#sweep().catch((err: Error) => this.report('pkcs11-sweep-failed', { reason: err.message }));
      } while (this.#again);
      this.#running = undefined;
    })();
    return this.#running;
  }

  /** Resolves when no sweep is running. */
  async settled(): Promise<void> {
    await this.#running;
  }

  async #sweep(): Promise<void> {
    const objects = this.#keyObjects();
    const present = new Set(objects.map((o) => o.id));
    // Destroyed in the same tick as the listing: nothing can create a key with that id meanwhile.
    const gone = this.keys.mirroredIds().filter((id) => !present.has(id) && !NODE_OWN.has(id));
    const destroying = gone.map((id) => this.keys.destroy(id).then(() => {
      this.report('pkcs11-key-destroyed', { keyId: id });
      this.#trail.destroyed(id);
    }));
    const perId = new Map<string, number>();
    for (const o of objects) perId.set(o.id, (perId.get(o.id) ?? 0) + 1);

    const unmirrored: UnmirroredKey[] = [];
    for (const o of objects) {
      // A second key under a mirrored id would otherwise pass for the mirrored one.
      const shared = o.id !== '' && perId.get(o.id)! > 1;
      if (!shared && this.keys.isMirrored(o.id)) continue;
      const never = this.#whyNot(o, perId.get(o.id)!);
      // A key that will never be mirrored is traced now; one whose shipping failed, once it ships.
      if (never !== undefined) this.#trail.createdUnmirrored(o.id, o.label);
      const reason = never ?? (await this.#ship(o));
      if (reason !== undefined) unmirrored.push({ keyId: o.id, label: o.label, reason });
    }
    await Promise.all(destroying);
    this.#trail.goneUnmirrored(objects);
    await this.#trail.flush();
    this.#unmirrored = unmirrored;
    for (const u of unmirrored) {
      const key = `${u.keyId}\n${u.label}\n${u.reason}`;
      if (!this.#reported.has(key)) this.report('pkcs11-key-not-mirrored', { ...u });
      this.#reported.add(key);
    }
  }

  /** The token's persistent secret and private keys, the node's own excepted; id-less secret keys get an id. */
  #keyObjects(): KeyObject[] {
    const t = this.token;
    return [pkcs11.CKO_SECRET_KEY, pkcs11.CKO_PRIVATE_KEY].flatMap((objectClass) =>
      t.findHandles([{ type: pkcs11.CKA_CLASS, value: objectClass }, { type: pkcs11.CKA_TOKEN, value: true }]).map((handle) => {
        const label = t.attribute(handle, pkcs11.CKA_LABEL)?.toString('utf8') ?? '';
        let id = t.attribute(handle, pkcs11.CKA_ID)?.toString('hex') ?? '';
        if (id === '' && objectClass === pkcs11.CKO_SECRET_KEY) id = this.#assignId(handle, label);
        return { handle, objectClass, id, label };
      })).filter((o) => !NODE_OWN.has(o.id));
  }

  // A secret key stands alone, so it can be given an id; a key pair's halves could not be matched again.
  #assignId(handle: P11.Handle, label: string): string {
    const id = randomBytes(16);
    try {
      this.token.pkcs11.C_SetAttributeValue(this.token.session, handle, [{ type: pkcs11.CKA_ID, value: id }]);
    } catch {
      return '';
    }
    this.report('pkcs11-key-id-assigned', { keyId: id.toString('hex'), label });
    return id.toString('hex');
  }

  #whyNot(o: KeyObject, sameId: number): string | undefined {
    if (o.id === '') {
      return o.objectClass === pkcs11.CKO_PRIVATE_KEY
        ? 'the key pair has no CKA_ID, so its public half cannot be matched: generate it with an id (pkcs11-tool --id)'
        : 'the secret key has no CKA_ID and cannot be given one (CKA_MODIFIABLE is false)';
    }
    if (sameId > 1) return `${sameId} keys share this CKA_ID: the mirror names keys by id`;
    if (this.token.attribute(o.handle, pkcs11.CKA_EXTRACTABLE)?.[0] !== 1) return 'CKA_EXTRACTABLE is false: the key cannot leave the token, even wrapped (generate it with pkcs11-tool --extractable)';
    const key = this.token.describe(o.handle);
    if (key === undefined) return 'its type or size is not one the appliance mirrors (AES-128/256, EC P-256/P-384, RSA-2048/3072)';
    if (key.type === 'ED25519') return 'the token cannot wrap EdDSA private keys';
    return undefined;
  }

  async #ship(o: KeyObject): Promise<string | undefined> {
    const key = this.token.describe(o.handle)!;
    try {
      await this.keys.mirrorCreated(key);
    } catch (err) {
      return `mirroring failed (retried at the next sweep): ${(err as Error).message.match(/CKR_[A-Z_]+/)?.[0] ?? (err as Error).message}`;
    }
    this.report('pkcs11-key-mirrored', { keyId: o.id });
    this.#trail.createdMirrored(o.id, o.label, key.type);
    return undefined;
  }
}
