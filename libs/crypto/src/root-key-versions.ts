import { UnsealError } from './aead.js';
import type { RootKeyProvider } from './root-key.js';

/**
 * Root key versions (docs/architecture.md, "Root of trust", rotation). Version numbers are logical
 * and the same for every provider: 1 is the original key (`root.key`, token label `dew-root`),
 * N ≥ 2 the key rotation N made (`root.key.v<N>`, `<label>.v<N>`).
 *
 * Blob layout: 0x03 | version (u32 BE) | inner, where inner is the version's provider blob (0x01
 * file, 0x02 token) sealed with the version bound into its AAD. A blob starting 0x01 or 0x02
 * (written before versions existed) is version 1 with the plain binding.
 */
export const VERSIONED_WRAP = 0x03;
const HEADER = 5;
const MAX_VERSION = 0xffff_ffff;

export function wrappedVersion(blob: Uint8Array): number {
  if (blob[0] !== VERSIONED_WRAP) return 1;
  if (blob.length <= HEADER) throw new UnsealError(`too short (${blob.length} bytes)`);
  return Buffer.from(blob.buffer, blob.byteOffset, blob.length).readUInt32BE(1);
}

/** Whether bytes are shaped as a root-key wrap: versioned, or a file/env (0x01) or token (0x02) wrap from before versions. */
export function looksLikeWrap(blob: Uint8Array): boolean {
  return blob[0] === VERSIONED_WRAP || blob[0] === 0x01 || blob[0] === 0x02;
}

/** The provider byte of the blob's inner wrap: 0x01 file/env, 0x02 token. */
export function innerFormat(blob: Uint8Array): number | undefined {
  return blob[0] === VERSIONED_WRAP ? blob[HEADER] : blob[0];
}

function innerOf(blob: Uint8Array): Uint8Array {
  return blob[0] === VERSIONED_WRAP ? blob.subarray(HEADER) : blob;
}

export function versionedBlob(version: number, inner: Uint8Array): Buffer {
  const header = Buffer.alloc(HEADER);
  header[0] = VERSIONED_WRAP;
  header.writeUInt32BE(version, 1);
  return Buffer.concat([header, inner]);
}

const versionAad = (version: number, aad: string) => `v${version}|${aad}`;

/** A version's key as this process holds it. */
export interface RootKeyVersion extends RootKeyProvider {
  /** Forgets the key: zeroes its bytes (file) or lets go of its handle (token). */
  dispose(): void;
}

/** Where a provider keeps its versions (root-key-version-stores.ts). */
export interface RootKeyVersionStore {
  readonly provider: 'file' | 'pkcs11';
  describe(version: number): string;
  /** The versions whose key exists now, ascending. */
  versions(): number[];
  exists(version: number): boolean;
  /** The version's key, or null when it does not exist. */
  open(version: number): RootKeyVersion | null;
  /** Creates the version's key; refuses when it exists. */
  create(version: number): RootKeyVersion;
  /** Destroys the version's key where it is kept; false when there was none. */
  destroy(version: number): boolean;
  close(): void;
}

export class RootKeyVersionMissing extends Error {
  constructor(readonly version: number, where: string, why: string) {
    super(`root key version ${version} (${where}) ${why}`);
    this.name = 'RootKeyVersionMissing';
  }
}

function checkVersion(version: number): void {
  if (!Number.isSafeInteger(version) || version < 1 || version > MAX_VERSION) throw new RangeError(`a root key version is 1..${MAX_VERSION}, got ${version}`);
}

/**
 * The live root key versions of a file or pkcs11 provider and the one that wraps now. Unwrap reads
 * the blob's version and loads a version not seen yet (a rotation another process started);
 * wrapping with a version whose key is gone fails, never falls back to another.
 */
export class VersionedRootKey implements RootKeyProvider {
  readonly #keys = new Map<number, RootKeyVersion>();
  #current: number;

  private constructor(private readonly store: RootKeyVersionStore, current: number) {
    this.#current = current;
  }

  /** Opens the newest version whose key exists (version 1, created when none does and `create` is set). */
  static open(store: RootKeyVersionStore, create: boolean): { root: VersionedRootKey; created: boolean } {
    const newest = store.versions().at(-1);
    if (newest !== undefined) return { root: new VersionedRootKey(store, newest), created: false };
    if (!create) throw new RootKeyVersionMissing(1, store.describe(1), 'does not exist');
    const root = new VersionedRootKey(store, 1);
    root.#keys.set(1, store.create(1));
    return { root, created: true };
  }

  get provider(): 'file' | 'pkcs11' {
    return this.store.provider;
  }

  get current(): number {
    return this.#current;
  }

  get description(): string {
    return `${this.store.describe(this.#current)} (root key version ${this.#current})`;
  }

  async wrap(plaintext: Uint8Array, aad: string): Promise<Buffer> {
    return this.wrapAs(this.#current, plaintext, aad);
  }

  /** Wraps with a given version (the migration keeps a blob's version); `create` makes its key when absent. */
  async wrapAs(version: number, plaintext: Uint8Array, aad: string, create = false): Promise<Buffer> {
    const key = this.#key(version, create);
    // A file version retired by another process must not keep wrapping from this one's memory.
    if (this.store.provider === 'file' && !this.store.exists(version)) {
      this.forget(version);
      throw new RootKeyVersionMissing(version, this.store.describe(version), 'is retired (its key is gone); nothing is wrapped with it');
    }
    return versionedBlob(version, await key.wrap(plaintext, versionAad(version, aad)));
  }

  async unwrap(wrapped: Uint8Array, aad: string): Promise<Buffer> {
    const version = wrappedVersion(wrapped);
    const key = this.#key(version, false);
    return wrapped[0] === VERSIONED_WRAP ? key.unwrap(innerOf(wrapped), versionAad(version, aad)) : key.unwrap(wrapped, aad);
  }

  /** Makes `version` the one that wraps (its key must exist). */
  use(version: number): void {
    this.#key(version, false);
    this.#current = version;
  }

  /** Creates the key of a new version (`dew root-key rotate`), without wrapping with it yet. */
  create(version: number): void {
    checkVersion(version);
    this.#keys.set(version, this.store.create(version));
  }

  hasKey(version: number): boolean {
    return this.store.exists(version);
  }

  /** The versions whose key exists now. */
  versions(): number[] {
    return this.store.versions();
  }

  /** Drops a version from memory (its key bytes zeroed). */
  forget(version: number): void {
    this.#keys.get(version)?.dispose();
    this.#keys.delete(version);
  }

  /** Drops a retired version from memory and destroys its key; false when it was already gone. */
  destroy(version: number): boolean {
    if (version === this.#current) throw new RangeError(`root key version ${version} wraps now; it cannot be destroyed`);
    this.forget(version);
    return this.store.destroy(version);
  }

  close(): void {
    for (const v of [...this.#keys.keys()]) this.forget(v);
    this.store.close();
  }

  #key(version: number, create: boolean): RootKeyVersion {
    checkVersion(version);
    const known = this.#keys.get(version);
    if (known) return known;
    const key = this.store.open(version) ?? (create ? this.store.create(version) : null);
    if (!key) throw new RootKeyVersionMissing(version, this.store.describe(version), 'does not exist (retired, or created elsewhere)');
    this.#keys.set(version, key);
    return key;
  }
}
