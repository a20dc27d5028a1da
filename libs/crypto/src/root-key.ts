import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { open, seal } from './aead.js';

/**
 * The deployment's root key. Everything destroyable has its own keyring entry, and only those
 * entries are wrapped by the root key (docs/architecture.md, "Keyrings and crypto-shredding"). Providers: file (default), bytes
 * from the environment (Kubernetes Secret), a PKCS#11 token (root-key-pkcs11.ts).
 */
export interface RootKeyProvider {
  readonly description: string;
  wrap(plaintext: Uint8Array, aad: string): Promise<Buffer>;
  unwrap(wrapped: Uint8Array, aad: string): Promise<Buffer>;
}

export class StaticRootKey implements RootKeyProvider {
  readonly #key: Buffer;
  constructor(key: Uint8Array, readonly description: string) {
    if (key.length !== 32) throw new RangeError(`root key must be 32 bytes, got ${key.length}`);
    this.#key = Buffer.from(key);
  }
  async wrap(plaintext: Uint8Array, aad: string): Promise<Buffer> {
    return seal(this.#key, plaintext, `root:${aad}`);
  }
  async unwrap(wrapped: Uint8Array, aad: string): Promise<Buffer> {
    return open(this.#key, wrapped, `root:${aad}`);
  }
  /** Zeroes the key bytes held by this process (a retired root key version). */
  dispose(): void {
    this.#key.fill(0);
  }
}

export interface RootKeyFileResult {
  readonly provider: RootKeyProvider;
  readonly created: boolean;
}

/** Reads the 32-byte root key file, creating it (mode 0600) on first start unless `create` is false. */
export function loadOrCreateRootKeyFile(path: string, create = true): RootKeyFileResult {
  let created = false;
  if (!existsSync(path)) {
    if (!create) throw new Error(`root key file ${path} does not exist`);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, randomBytes(32), { mode: 0o600, flag: 'wx' });
    created = true;
  }
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) chmodSync(path, 0o600);
  const key = readFileSync(path);
  if (key.length !== 32) throw new Error(`root key file ${path} must hold 32 bytes, holds ${key.length}`);
  return { provider: new StaticRootKey(key, `file:${path}`), created };
}

/** DEW_ROOT_KEY: base64 of 32 bytes (a Kubernetes Secret mounted as an environment variable). */
export function rootKeyFromBase64(value: string): RootKeyProvider {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error(`DEW_ROOT_KEY must be base64 of 32 bytes, decodes to ${key.length}`);
  return new StaticRootKey(key, 'env:DEW_ROOT_KEY');
}
