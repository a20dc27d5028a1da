import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyOpRequest } from '@dew/contracts';
import { OwnerKeys } from '@dew/crypto';
import { decide, liveKey } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { MaterialCache } from '../crypto/material-cache.js';

/** delete-imported-key-material: the key returns to Pending import and its material's keyring entry is erased. */
@Controller()
export class DeleteImportedKeyMaterialController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly crypto: OwnerKeys,
    private readonly materials: MaterialCache,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.deleteImportedKeyMaterial)
  async delete(@Payload() req: KeyOpRequest, @Caller() ctx: RequestContext) {
    const key = liveKey(this.keyrings.of(ctx.projectId), req.key_id);
    const owner = key.versions[0]?.owner;
    const { events } = await this.keyrings.execute(ctx, (s) => decide(s, { type: 'DeleteImportedKeyMaterial', keyId: key.keyId, reason: 'manual', now: this.clock.now() }));
    if (events.length > 0 && owner) {
      this.materials.forget(key.keyId);
      await this.crypto.destroy(owner);
    }
    return {};
  }
}
