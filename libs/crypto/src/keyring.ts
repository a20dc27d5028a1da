import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { open, seal } from './aead.js';
import { ownedSecret } from './owned-secret.js';
import type { RootKeyProvider } from './root-key.js';

/**
 * Where wrapped keyring entries live (one per owner). Erasing must be a secure erase: once
 * erased, the wrapped entry is gone from the store's files (JetStream message delete with erase).
 */
export interface KeyringStorage {
  get(ownerId: string): Promise<Uint8Array | null>;
  /** Stores the entry; refuses to overwrite an existing owner's entry. */
  putNew(ownerId: string, wrapped: Uint8Array): Promise<void>;
  erase(ownerId: string): Promise<void>;
}

export class KeyringEntryMissing extends Error {
  constructor(readonly ownerId: string) {
    super(`keyring entry of ${ownerId} does not exist (destroyed or never created)`);
    this.name = 'KeyringEntryMissing';
  }
}

/**
 * Per-owner wrapping keys, the entries of a keyring stream (docs/architecture.md, "Keyrings and
 * crypto-shredding"); named apart from kms-domain's `Keyring`, the aggregate of a project's CMKs. Material in events is
 * sealed with the owner's entry, binding owner id and version as AAD; destroying the owner erases
 * its entry, after which the events plus the root key recover nothing.
 */
export class OwnerKeys {
  readonly #cache = new Map<string, Buffer>();

  constructor(
    private readonly root: RootKeyProvider,
    private readonly storage: KeyringStorage,
    private readonly maxCached = 10_000,
  ) {}

  async create(ownerId: string): Promise<void> {
    const entry = randomBytes(32);
    await this.storage.putNew(ownerId, await this.root.wrap(entry, `keyring:${ownerId}`));
    this.#remember(ownerId, entry);
  }

  async seal(ownerId: string, version: number, plaintext: Uint8Array): Promise<Buffer> {
    return seal(await this.#entry(ownerId), plaintext, materialAad(ownerId, version));
  }

  async open(ownerId: string, version: number, sealed: Uint8Array): Promise<Buffer> {
    return open(await this.#entry(ownerId), sealed, materialAad(ownerId, version));
  }

  /**
   * A keyed digest under the owner's entry (HMAC-SHA256 with a subkey derived for this purpose):
   * lets the service compare secrets — "is this the material first imported?" — without keeping
   * them. Gone with the owner's entry.
   */
  async mac(ownerId: string, data: Uint8Array): Promise<string> {
    const subkey = Buffer.from(hkdfSync('sha256', await this.#entry(ownerId), Buffer.alloc(0), `dew/keyring-mac/${ownerId}`, 32));
    return createHmac('sha256', subkey).update(data).digest('hex');
  }

  async destroy(ownerId: string): Promise<void> {
    const cached = this.#cache.get(ownerId);
    cached?.fill(0);
    this.#cache.delete(ownerId);
    await this.storage.erase(ownerId);
  }

  async exists(ownerId: string): Promise<boolean> {
    return this.#cache.has(ownerId) || (await this.storage.get(ownerId)) !== null;
  }

  async #entry(ownerId: string): Promise<Buffer> {
    const cached = this.#cache.get(ownerId);
    if (cached) return cached;
    const wrapped = await this.storage.get(ownerId);
    if (!wrapped) throw new KeyringEntryMissing(ownerId);
    return this.#remember(ownerId, await this.root.unwrap(wrapped, `keyring:${ownerId}`));
  }

  /** Keeps the entry in memory of its own (ownedSecret) and answers the kept buffer. */
  #remember(ownerId: string, entry: Buffer): Buffer {
    if (this.#cache.size >= this.maxCached) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    const kept = ownedSecret(entry);
    this.#cache.set(ownerId, kept);
    return kept;
  }
}

function materialAad(ownerId: string, version: number): string {
  return `material:${ownerId}:v${version}`;
}

/** In-memory storage for unit tests and tools; erase drops the only copy. */
export class MemoryKeyringStorage implements KeyringStorage {
  readonly entries = new Map<string, Uint8Array>();
  async get(ownerId: string) {
    return this.entries.get(ownerId) ?? null;
  }
  async putNew(ownerId: string, wrapped: Uint8Array) {
    if (this.entries.has(ownerId)) throw new Error(`keyring entry of ${ownerId} already exists`);
    this.entries.set(ownerId, wrapped);
  }
  async erase(ownerId: string) {
    this.entries.delete(ownerId);
  }
}
