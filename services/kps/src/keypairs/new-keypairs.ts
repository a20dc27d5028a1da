import { Injectable } from '@nestjs/common';
import { KpsFieldInvalid, OnlyAdministratorActsForOthers, type CreateKeypairDto, type CreateKeypairReply } from '@dew/contracts';
import { validateKeypairName, type CreateKeypair } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import type { SealedValue } from '@dew/nest-kit';
import { PrivateKeyVault } from '../private-keys/private-key-vault.js';
import { generatedMaterial, importedMaterial, matchingPrivateKey, type KeyMaterial } from './key-material.js';
import { KeypairSets } from './keypair-sets.js';

/** The owner of a new key pair: the caller, or the user the account's administrator names. */
export function ownerOf(ctx: RequestContext, userId: string | undefined): string {
  if (userId === undefined || userId === '' || userId === ctx.userId) return ctx.userId;
  if (!ctx.rootUser) throw OnlyAdministratorActsForOthers(ctx.userName, userId);
  return userId;
}

/**
 * create-keypair and batch-import: generate or import, host the private key if asked
 * (docs/kps.md, "Hosted private keys"), then record the pair. A refused record shreds what was hosted.
 */
@Injectable()
export class NewKeypairs {
  constructor(private readonly sets: KeypairSets, private readonly vault: PrivateKeyVault) {}

  async create(ctx: RequestContext, k: CreateKeypairDto, step?: string): Promise<CreateKeypairReply> {
    const userId = ownerOf(ctx, k.user_id);
    // Before any key is made: a generated key carries the name as its comment, which refuses other characters.
    validateKeypairName(k.name);
    const material: KeyMaterial = k.public_key !== undefined ? importedMaterial(k.public_key) : await generatedMaterial(k.algorithm, k.name);
    const { publicKey } = material;
    const record = (privateKey: SealedValue | null): CreateKeypair => ({
      type: 'CreateKeypair',
      name: k.name,
      scope: k.scope === 'domain' ? 'domain' : 'user',
      userId,
      keypairType: k.type === 'x509' ? 'x509' : 'ssh',
      algorithm: publicKey.algorithm,
      publicKey: publicKey.openssh,
      fingerprint: publicKey.fingerprintMd5,
      fingerprintSha256: publicKey.fingerprintSha256,
      imported: k.public_key !== undefined,
      privateKey,
      now: Date.now(),
    });
    // Refused now (a name taken, the quota, a field) before a private key is hosted under a new keyring entry.
    this.sets.check(ctx, record(null));
    const hosted = await this.#hosted(ctx, k, material);
    try {
      await this.sets.execute(ctx, record(hosted), step);
    } catch (err) {
      if (hosted) await this.vault.shred(hosted.owner);
      throw err;
    }
    const shownOnce = material.generatedPrivateKey !== undefined && hosted === null ? { private_key: material.generatedPrivateKey } : {};
    return {
      keypair: { name: k.name, type: k.type ?? 'ssh', public_key: publicKey.openssh, ...shownOnce, fingerprint: publicKey.fingerprintMd5, user_id: userId },
    };
  }

  /** With `key_protection` KPS hosts the private key: the generated one, or the caller's (which must match). */
  async #hosted(ctx: RequestContext, k: CreateKeypairDto, material: KeyMaterial): Promise<SealedValue | null> {
    if (!k.key_protection) return null;
    const given = k.key_protection.private_key;
    if (given === undefined && material.generatedPrivateKey === undefined) {
      throw KpsFieldInvalid('keypair.key_protection.private_key', 'be given to host the private key of an imported public key');
    }
    const privateKey = given !== undefined ? matchingPrivateKey('keypair.key_protection.private_key', given, material.publicKey) : material.generatedPrivateKey;
    if (privateKey === undefined) return null;
    const kmsKeyId = await this.vault.kmsKeyOf(ctx, k.key_protection.encryption);
    return this.vault.host(ctx, kmsKeyId, privateKey);
  }
}
