import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { OwnerKeys } from '@dew/crypto';
import { decide, dueForMaterialExpiry, expiredWrappingKeys, findKey } from '@dew/kms-domain';
import { systemContext } from '@dew/messaging';
import { Clock, PeriodicSweep, PINO } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { Keyrings } from '../keys/keyrings.js';
import { MaterialCache } from '../crypto/material-cache.js';
import { wrappingEntry } from './import-tokens.js';

/**
 * Imported material past its expiration time is deleted (the key returns to Pending import, its
 * material entry erased), and wrapping keys of expired tokens are erased. Work comes
 * from durable state, so restarts lose nothing; repeats decide to nothing.
 */
@Injectable()
export class ImportScheduler extends PeriodicSweep {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly crypto: OwnerKeys,
    private readonly materials: MaterialCache,
    clock: Clock,
    @Inject(KMS_SETTINGS) settings: KmsSettings,
    @Inject(PINO) log: Logger,
  ) {
    super(clock, log, settings.schedulerIntervalMs, 'import sweep');
  }

  protected async sweepOnce(now: number): Promise<void> {
    for (const keyring of [...this.keyrings.all()]) {
      for (const keyId of dueForMaterialExpiry(keyring, now)) {
        const owner = findKey(keyring, keyId)?.versions[0]?.owner;
        const ctx = systemContext(`expire-material-${keyId}-${now}`, keyring.projectId);
        const { events } = await this.keyrings.execute(ctx, (s) => decide(s, { type: 'DeleteImportedKeyMaterial', keyId, reason: 'expired', now }), keyring.projectId);
        if (events.length > 0 && owner) {
          this.materials.forget(keyId);
          await this.crypto.destroy(owner);
        }
      }
      for (const { keyId, wrappingKeyId } of expiredWrappingKeys(keyring, now)) {
        await this.crypto.destroy(wrappingEntry(wrappingKeyId));
        const ctx = systemContext(`spend-${wrappingKeyId}`, keyring.projectId);
        await this.keyrings.execute(ctx, (s) => decide(s, { type: 'SpendImportParameters', keyId, wrappingKeyId, now }), keyring.projectId);
      }
    }
  }
}
