import { randomBytes } from 'node:crypto';
import type { MirrorLog } from '@dew/hsm-control';
import type { Pkcs11Token, TokenKey } from '../token/pkcs11-token.js';
import { exportWrapped, importWrapped, type ExportedKey } from '../token/key-transfer.js';
import type { KeyType } from '../token/key-types.js';
import { TokenError } from '../token/token-error.js';
import type { DomainKey } from './domain-key.js';
import type { MirrorRecord, MirrorTokenTag } from './mirror-record.js';

/**
 * Key creation and destruction that reach the standby before they are acknowledged: the change
 * is made in this token, shipped through the mirror stream (wrapped under the token's domain key)
 * and only returned once JetStream acknowledged it. One per token (docs/hsm-appliance.md
 * "Tokens"); the records of the system and KMS tokens' carry their tag.
 */
export class ReplicatedKeys {
  readonly #byRequest = new Map<string, string>();
  /** Ids the mirror stream holds a key for (shipped here or applied from the stream). */
  readonly #mirrored = new Set<string>();
  /** Generations under way by request id: a retry of one while it runs gets the same key. */
  readonly #generating = new Map<string, Promise<TokenKey>>();
  /** Ids of keys being generated off the main thread, not shipped yet. */
  readonly #beingGenerated = new Set<string>();

  constructor(
    private readonly token: Pkcs11Token,
    private readonly domainKey: DomainKey,
    private readonly log: MirrorLog<MirrorRecord>,
    private readonly tag: MirrorTokenTag = {},
  ) {}

  async generate(type: KeyType, label: string, requestId: string, id: Buffer = randomBytes(16)): Promise<TokenKey> {
    const earlier = this.#earlier(requestId);
    if (earlier) return earlier;
    // SoftHSM 2.6.1 answers CKR_KEY_NOT_WRAPPABLE for EdDSA private keys: they could not reach the standby.
    if (type === 'ED25519') throw new TokenError('UNSUPPORTED', 'ED25519 keys cannot be generated: the token cannot wrap EdDSA private keys, so they could not be mirrored to the standby node');
    const running = requestId ? this.#generating.get(requestId) : undefined;
    if (running) return running;
    // While it is made, a PKCS#11 sweep must neither ship the new key as an application's nor take
    // its id, mirrored but not yet in the token, for a key destroyed (isMirrored, mirroredIds).
    const hex = id.toString('hex');
    this.#beingGenerated.add(hex);
    const generated = this.token.generateOffThread(type, id, label).then(
      (key) => {
        this.#beingGenerated.delete(hex);
        return this.#ship(key, requestId);
      },
      (err: unknown) => {
        this.#beingGenerated.delete(hex);
        throw err;
      },
    );
    if (!requestId) return generated;
    this.#generating.set(requestId, generated);
    return generated.finally(() => this.#generating.delete(requestId));
  }

  /** Creates a key from an export (a restore, or an unwrap already done in this token). */
  async adopt(exported: ExportedKey, requestId = ''): Promise<TokenKey> {
    const earlier = this.#earlier(requestId);
    if (earlier) return earlier;
    if (!importWrapped(this.token, exported, this.domainKey())) throw new TokenError('INVALID_ARGUMENT', `key ${exported.id} exists already`);
    return this.#ship({ id: exported.id, label: exported.label, type: exported.type }, requestId);
  }

  /** A key of this token wrapped under its domain key, as the mirror and backups carry it (this instance only). */
  exportKey(keyId: string): ExportedKey {
    return exportWrapped(this.token, keyId, this.domainKey());
  }

  async shipExisting(key: TokenKey, requestId: string): Promise<TokenKey> {
    return this.#ship(key, requestId);
  }

  /**
   * Ships a key someone else created in this token (a PKCS#11 application): a failure leaves the
   * key in place, unmirrored, for the caller to try again; it was acknowledged to its creator already.
   */
  async mirrorCreated(key: TokenKey): Promise<void> {
    await this.#ship(key, '', false);
  }

  /** Mirrored, or being generated to be (the sweep leaves it alone either way). */
  isMirrored(keyId: string): boolean {
    return this.#mirrored.has(keyId) || this.#beingGenerated.has(keyId);
  }

  mirroredIds(): string[] {
    return [...this.#mirrored];
  }

  async destroy(keyId: string): Promise<boolean> {
    const destroyed = this.token.destroy(keyId);
    this.#mirrored.delete(keyId);
    await this.log.publish({ ...this.tag, op: 'destroy', keyId });
    return destroyed;
  }

  /** Applies a record of the stream; idempotent (the active sees its own records again). */
  apply(r: MirrorRecord): void {
    if (r.op === 'destroy') {
      this.token.destroy(r.keyId);
      this.#mirrored.delete(r.keyId);
      return;
    }
    importWrapped(this.token, r.key, this.domainKey());
    this.#mirrored.add(r.key.id);
    if (r.requestId) this.#byRequest.set(r.requestId, r.key.id);
  }

  #earlier(requestId: string): TokenKey | undefined {
    const id = requestId ? this.#byRequest.get(requestId) : undefined;
    return id === undefined ? undefined : this.token.find(id);
  }

  // Marks the id before its first await: a PKCS#11 sweep running meanwhile must not ship it again.
  async #ship(key: TokenKey, requestId: string, destroyOnFailure = true): Promise<TokenKey> {
    this.#mirrored.add(key.id);
    try {
      await this.log.publish({ ...this.tag, op: 'put', key: this.exportKey(key.id), ...(requestId ? { requestId } : {}) });
    } catch (err) {
      this.#mirrored.delete(key.id);
      // Not mirrored means not acknowledged: the key must not outlive the failed call here either.
      if (destroyOnFailure) this.token.destroy(key.id);
      throw new TokenError('FAILED', `the key could not be mirrored to the standby node: ${(err as Error).message}`);
    }
    if (requestId) this.#byRequest.set(requestId, key.id);
    return key;
  }
}
