import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MaterialGenerator, OwnerKeys, SYMMETRIC_MATERIAL_BYTES, type SymmetricMaterialSpec } from '@dew/crypto';
import type { KeyMaterial, KeyOrigin, KeySpec, LiveCmk } from '@dew/kms-domain';

/**
 * Fresh material for a key's versions, sealed with the key's keyring entry: the first version of a
 * new key (its entry created here) and symmetric material of the key's spec for the next version
 * of a rotated one (only symmetric keys rotate).
 */
@Injectable()
export class NewVersions {
  constructor(
    private readonly crypto: OwnerKeys,
    private readonly generator: MaterialGenerator,
  ) {}

  /**
   * Every key gets its keyring entry: it seals KMS material, and for external keys it keys the
   * digest that binds the key to its first imported material (which it has none of yet: null).
   */
  async first(keyId: string, spec: KeySpec, origin: KeyOrigin): Promise<KeyMaterial | null> {
    if (origin === 'kms') return this.generated(keyId, spec);
    await this.entry(keyId);
    return null;
  }

  /** The key's keyring entry alone: for keys whose material is elsewhere (imported later, or in a key store's HSM). */
  entry(keyId: string): Promise<void> {
    return this.crypto.create(keyId);
  }

  /** Version 1 of a new key of origin kms, generated here. */
  async generated(keyId: string, spec: KeySpec): Promise<KeyMaterial> {
    const generated = await this.generator.generate(spec);
    try {
      await this.crypto.create(keyId);
      const wrapped = await this.crypto.seal(keyId, 1, generated.secret);
      return { version: 1, wrapped: wrapped.toString('base64'), ...(generated.publicKeyPem ? { publicKeyPem: generated.publicKeyPem } : {}) };
    } finally {
      generated.secret.fill(0);
    }
  }

  /** Erases the keyring entry of a key whose creation was refused at append time. */
  discard(keyId: string): Promise<void> {
    return this.crypto.destroy(keyId);
  }

  async next(key: LiveCmk): Promise<KeyMaterial> {
    const version = (key.versions[key.versions.length - 1]?.version ?? 0) + 1;
    // Sized for the key's spec. A key that cannot rotate (asymmetric) is refused by the rotation
    // decider before anything is stored; it gets 32 bytes here only so that refusal is the answer.
    const secret = randomBytes(Object.hasOwn(SYMMETRIC_MATERIAL_BYTES, key.keySpec) ? SYMMETRIC_MATERIAL_BYTES[key.keySpec as SymmetricMaterialSpec] : 32);
    try {
      return { version, wrapped: (await this.crypto.seal(key.keyId, version, secret)).toString('base64') };
    } finally {
      secret.fill(0);
    }
  }
}
