import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { Keyring as KeyringCrypto } from '@dew/crypto';
import { decide, dueForDestruction, findKey, materialOwner } from '@dew/kms-domain';
import { systemContext } from '@dew/messaging';
import { Clock, PINO } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { Keyrings } from './keyrings.js';
import { MaterialCache } from '../crypto/material-cache.js';

/**
 * Destroys keys whose pending period has ended (SPEC K4). Order matters: KeyDestroyed is appended
 * first (guarded by the keyring's sequence, so a cancel that got in first wins), then the key's
 * keyring entry is erased. A crash between the two is repaired at start: every destroyed key's
 * entry is erased again (erase is idempotent). Several instances may run: the losers' DestroyKey
 * decides to nothing once the winner's event is applied.
 */
@Injectable()
export class DeletionExecutor implements OnApplicationBootstrap, OnModuleDestroy {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(
    private readonly keyrings: Keyrings,
    private readonly crypto: KeyringCrypto,
    private readonly materials: MaterialCache,
    private readonly clock: Clock,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.#eraseDestroyedEntries();
    this.clock.onTick((now) => this.sweep(now));
    await this.sweep(this.clock.now());
    this.#timer = setInterval(() => void this.sweep(this.clock.now()), this.settings.schedulerIntervalMs);
    this.#timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.#timer);
  }

  /** One pass at a time; a tick during a pass waits for it, then runs with its own `now`. */
  sweep(now: number): Promise<void> {
    this.#running = this.#running.then(() => this.#sweep(now)).catch((err) => this.log.error({ err }, 'deletion sweep failed'));
    return this.#running;
  }

  async #sweep(now: number): Promise<void> {
    for (const keyring of [...this.keyrings.all()]) {
      for (const keyId of dueForDestruction(keyring, now)) {
        const key = findKey(keyring, keyId);
        // Imported material lives in its own entries: all of them go with the key.
        const materialOwners = key ? key.versions.map((v) => materialOwner(key, v)).filter((o) => o !== keyId) : [];
        const ctx = systemContext(`destroy-${keyId}-${randomUUID()}`, keyring.projectId);
        const { events } = await this.keyrings.execute(ctx, (s) => decide(s, { type: 'DestroyKey', keyId, now }), keyring.projectId);
        if (events.length > 0) {
          this.materials.forget(keyId);
          for (const owner of [keyId, ...materialOwners]) await this.crypto.destroy(owner);
          this.log.info({ keyId, projectId: keyring.projectId }, 'key destroyed; its keyring entry is erased');
        }
      }
    }
  }

  async #eraseDestroyedEntries(): Promise<void> {
    for (const keyring of [...this.keyrings.all()]) {
      for (const key of keyring.keys.values()) if (key.status === 'Destroyed') await this.crypto.destroy(key.keyId);
    }
  }
}
