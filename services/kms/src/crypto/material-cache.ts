import { createPrivateKey, createPublicKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isSm2Pkcs8, OwnerKeys, ownedSecret, sm2FromPkcs8, type AsymmetricKey } from '@dew/crypto';
import { HealthDetails } from '@dew/nest-kit';
import { isSymmetric, materialOwner, type KeyVersion, type LiveCmk } from '@dew/kms-domain';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import type { HsmMaterial } from '../key-stores/hsm-key-session.js';

/**
 * Unwrapped material of one key version, ready for use (never serialised, never logged); a
 * key-store key's is its HSM session instead (never cached here).
 */
export type Material =
  | { readonly kind: 'symmetric'; readonly secret: Buffer }
  | { readonly kind: 'asymmetric'; readonly privateKey: AsymmetricKey; readonly publicKey: AsymmetricKey; readonly modulusBits: number }
  | HsmMaterial;

export interface MaterialCacheStats {
  readonly size: number;
  readonly capacity: number;
  readonly hits: number;
  readonly misses: number;
  readonly evictions: number;
}

/**
 * A bounded LRU of unwrapped key versions: the hot path (encrypt 32 B) must not unwrap twice.
 * Destroying a key drops its versions here before its keyring entry is erased.
 */
@Injectable()
export class MaterialCache {
  readonly #entries = new Map<string, Material>();
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  constructor(
    private readonly keyring: OwnerKeys,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
    health: HealthDetails,
  ) {
    health.add('materialCache', () => this.stats());
  }

  async get(key: LiveCmk, version: KeyVersion): Promise<Material> {
    const id = `${key.keyId}:${version.version}`;
    const cached = this.#entries.get(id);
    if (cached) {
      this.#hits++;
      // Re-insert: Map iteration order is insertion order, so the first entry is the least recent.
      this.#entries.delete(id);
      this.#entries.set(id, cached);
      return cached;
    }
    this.#misses++;
    const secret = await this.keyring.open(materialOwner(key, version), version.version, Buffer.from(version.wrapped, 'base64'));
    const material = toMaterial(secret, isSymmetric(key.keySpec));
    this.#remember(id, material);
    return material;
  }

  forget(keyId: string): void {
    for (const id of [...this.#entries.keys()]) {
      if (id.startsWith(`${keyId}:`)) {
        const m = this.#entries.get(id);
        if (m?.kind === 'symmetric') m.secret.fill(0);
        this.#entries.delete(id);
      }
    }
  }

  stats(): MaterialCacheStats {
    return { size: this.#entries.size, capacity: this.settings.materialCacheSize, hits: this.#hits, misses: this.#misses, evictions: this.#evictions };
  }

  #remember(id: string, material: Material): void {
    while (this.#entries.size >= this.settings.materialCacheSize) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      const m = this.#entries.get(oldest);
      if (m?.kind === 'symmetric') m.secret.fill(0);
      this.#entries.delete(oldest);
      this.#evictions++;
    }
    this.#entries.set(id, material);
  }
}

function toMaterial(secret: Buffer, symmetric: boolean): Material {
  // Kept for as long as the LRU holds it: in memory of its own, not a slab of Node's buffer pool.
  if (symmetric) return { kind: 'symmetric', secret: ownedSecret(secret) };
  // SM2 keys never become node KeyObjects: node on OpenSSL 3.0 aborts exporting them (@dew/crypto sm2).
  if (isSm2Pkcs8(secret)) {
    const sm2 = sm2FromPkcs8(secret);
    secret.fill(0);
    return { kind: 'asymmetric', privateKey: sm2, publicKey: sm2.publicKey(), modulusBits: 0 };
  }
  const privateKey = createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' });
  secret.fill(0);
  return { kind: 'asymmetric', privateKey, publicKey: createPublicKey(privateKey), modulusBits: privateKey.asymmetricKeyDetails?.modulusLength ?? 0 };
}
