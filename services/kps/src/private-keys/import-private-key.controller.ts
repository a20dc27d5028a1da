import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type ImportPrivateKeyRequest, type ReplyOf } from '@dew/contracts';
import { requireVisibleKeypair } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { parsePublicKey } from '@dew/ssh-keys';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { matchingPrivateKey } from '../keypairs/key-material.js';
import { ownerOf } from '../keypairs/new-keypairs.js';
import { PrivateKeyVault } from './private-key-vault.js';

/** POST keypairs/private-key/import: KPS hosts the pair's private key, which must match its public key (P6). */
@Controller()
export class ImportPrivateKeyController {
  constructor(private readonly sets: KeypairSets, private readonly vault: PrivateKeyVault) {}

  @Handles(kpsOperations.importPrivateKey)
  async import(@Payload() r: ImportPrivateKeyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.importPrivateKey>> {
    const { name, key_protection: protection } = r.keypair;
    const userId = ownerOf(ctx, r.keypair.user_id);
    const keypair = requireVisibleKeypair(this.sets.of(ctx), userId, name);
    const privateKey = matchingPrivateKey('keypair.key_protection.private_key', protection.private_key, parsePublicKey(keypair.publicKey));
    const kmsKeyId = await this.vault.kmsKeyOf(ctx, protection.encryption);
    const hosted = await this.vault.host(ctx, kmsKeyId, privateKey);
    try {
      await this.sets.execute(ctx, { type: 'ImportPrivateKey', userId, name, privateKey: hosted, now: Date.now() });
    } catch (err) {
      await this.vault.shred(hosted.owner);
      throw err;
    }
    const encryption = protection.encryption?.type === 'kms' ? { type: 'kms', kms_key_id: kmsKeyId } : { type: 'default', kms_key_id: kmsKeyId };
    return { keypair: { name, user_id: userId, key_protection: { encryption } } };
  }
}
