import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type ImportKeyMaterialRequest, type ReplyOf } from '@dew/contracts';
import { OwnerKeys } from '@dew/crypto';
import { decide, liveKey, nextMaterialOwner } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { MaterialCache } from '../crypto/material-cache.js';
import { ImportTokens, wrappingEntry } from './import-tokens.js';
import { MaterialUnwrapping } from './material-unwrapping.js';

/**
 * import-key-material: the material is sealed under its own keyring entry, so deleting it erases
 * it for good; the first material's keyed digest binds the key to it forever. A refusal at append
 * time erases the new entry; success spends the token's wrapping key.
 */
@Controller()
export class ImportKeyMaterialController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly crypto: OwnerKeys,
    private readonly tokens: ImportTokens,
    private readonly unwrapping: MaterialUnwrapping,
    private readonly materials: MaterialCache,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.importKeyMaterial)
  async import(@Payload() req: ImportKeyMaterialRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.importKeyMaterial>> {
    const now = this.clock.now();
    const claims = await this.tokens.verify(req.import_token, req.key_id, now);
    const key = liveKey(this.keyrings.of(ctx.projectId), req.key_id);
    const { secret, publicKeyPem } = await this.unwrapping.unwrap(key, claims, req.encrypted_key_material, req.encrypted_privatekey);
    try {
      const fingerprint = await this.crypto.mac(key.keyId, secret);
      const owner = nextMaterialOwner(key);
      await this.crypto.create(owner);
      const wrapped = (await this.crypto.seal(owner, 1, secret)).toString('base64');
      const expiresAt = req.expiration_time === undefined ? null : req.expiration_time * 1000;
      try {
        await this.keyrings.execute(ctx, (s) =>
          decide(s, { type: 'ImportKeyMaterial', keyId: key.keyId, wrappingKeyId: claims.wrappingKeyId, material: { wrapped, owner, ...(publicKeyPem ? { publicKeyPem } : {}) }, fingerprint, expiresAt, now }));
      } catch (err) {
        await this.crypto.destroy(owner);
        throw err;
      }
      await this.crypto.destroy(wrappingEntry(claims.wrappingKeyId));
      this.materials.forget(key.keyId);
      return {};
    } finally {
      secret.fill(0);
    }
  }
}
