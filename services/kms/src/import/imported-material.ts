import { Injectable } from '@nestjs/common';
import { OwnerKeys } from '@dew/crypto';
import { decide, liveKey } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock } from '@dew/nest-kit';
import { MaterialCache } from '../crypto/material-cache.js';
import { Keyrings } from '../keys/keyrings.js';

/**
 * Deleting a key's imported material: the key returns to Pending import, then the material's
 * keyring entry is erased (crypto-shredding) and its cached copy forgotten — only when the
 * decision appended events, so a repeated call erases nothing twice.
 */
@Injectable()
export class ImportedMaterial {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly crypto: OwnerKeys,
    private readonly materials: MaterialCache,
    private readonly clock: Clock,
  ) {}

  async delete(ctx: RequestContext, keyId: string): Promise<void> {
    const key = liveKey(this.keyrings.of(ctx.projectId), keyId);
    const owner = key.versions[0]?.owner;
    const { events } = await this.keyrings.execute(ctx, (s) => decide(s, { type: 'DeleteImportedKeyMaterial', keyId: key.keyId, reason: 'manual', now: this.clock.now() }));
    if (events.length === 0 || !owner) return;
    this.materials.forget(key.keyId);
    await this.crypto.destroy(owner);
  }
}
