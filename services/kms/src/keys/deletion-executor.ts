import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { OwnerKeys } from '@dew/crypto';
import { decide, dueForDestruction, findKey, keyStoreOfKey, materialOwner } from '@dew/kms-domain';
import { systemContext } from '@dew/messaging';
import { Clock, PeriodicSweep, PINO } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { Keyrings } from './keyrings.js';
import { MaterialCache } from '../crypto/material-cache.js';
import { KeyStoreKeys } from '../key-stores/key-store-keys.js';

/**
 * Destroys keys whose pending period has ended. Order matters: KeyDestroyed is appended
 * first (guarded by the keyring's sequence, so a cancel that got in first wins), then the key's
 * keyring entry is erased. A crash between the two is repaired at start: every destroyed key's
 * entry is erased again (erase is idempotent). Several instances may run: the losers' DestroyKey
 * decides to nothing once the winner's event is applied.
 */
@Injectable()
export class DeletionExecutor extends PeriodicSweep {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly crypto: OwnerKeys,
    private readonly materials: MaterialCache,
    private readonly keyStores: KeyStoreKeys,
    clock: Clock,
    @Inject(KMS_SETTINGS) settings: KmsSettings,
    @Inject(PINO) log: Logger,
  ) {
    super(clock, log, settings.schedulerIntervalMs, 'key deletion sweep');
  }

  override async onApplicationBootstrap(): Promise<void> {
    await this.#eraseDestroyedEntries();
    await super.onApplicationBootstrap();
  }

  protected async sweepOnce(now: number): Promise<void> {
    for (const keyring of [...this.keyrings.all()]) {
      for (const keyId of dueForDestruction(keyring, now)) {
        const key = findKey(keyring, keyId);
        // Imported material lives in its own entries: all of them go with the key.
        const materialOwners = key ? key.versions.map((v) => materialOwner(key, v)).filter((o) => o !== keyId) : [];
        // A key-store key's material is in its HSM: destroyed there too (docs/api-decisions.md, "Key stores").
        const store = keyStoreOfKey(keyring, keyId);
        const hsmKeyIds = key ? key.versions.flatMap((v) => (v.hsmKeyId === undefined ? [] : [v.hsmKeyId])) : [];
        const ctx = systemContext(`destroy-${keyId}-${randomUUID()}`, keyring.projectId);
        const { events, state } = await this.keyrings.execute(ctx, (s) => decide(s, { type: 'DestroyKey', keyId, now }), keyring.projectId);
        if (events.length > 0) {
          this.materials.forget(keyId);
          for (const owner of [keyId, ...materialOwners]) await this.crypto.destroy(owner);
          if (store) {
            await this.keyStores.destroy(keyring.projectId, store, hsmKeyIds);
            await this.keyStores.retireIfDone(state, store.keystoreId);
          }
          this.log.info({ keyId, projectId: keyring.projectId }, 'key destroyed; its keyring entry is erased');
        }
      }
    }
  }

  async #eraseDestroyedEntries(): Promise<void> {
    for (const keyring of [...this.keyrings.all()]) {
      for (const key of keyring.keys.values()) if (key.status === 'Destroyed') await this.crypto.destroy(key.keyId);
      // A crash between a store's last key destroyed (or its deletion) and its access erased.
      for (const store of keyring.keyStores.values()) await this.keyStores.retireIfDone(keyring, store.keystoreId);
    }
  }
}
