import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { decide, dueForRotation, findKey } from '@dew/kms-domain';
import { KvLease, kvBuckets, systemContext } from '@dew/messaging';
import { Clock, NATS_CONNECTION, PeriodicSweep, PINO } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { Keyrings } from '../keys/keyrings.js';
import { NewVersions } from '../crypto/new-version.js';

const LEASE_TTL_MS = kvBuckets.kmsLeases.ttlMs;

/**
 * Rotates keys whose rotation is due. Only the instance holding the KV lease works, so
 * two replicas never rotate the same key twice; due-ness comes from the durable keyring state
 * (nextRotationAt), so a restart loses no due rotation. Rotations are system actions.
 */
@Injectable()
export class RotationScheduler extends PeriodicSweep {
  readonly #lease: KvLease;

  constructor(
    private readonly keyrings: Keyrings,
    private readonly versions: NewVersions,
    clock: Clock,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(KMS_SETTINGS) settings: KmsSettings,
    @Inject(PINO) log: Logger,
  ) {
    // Passes at least three times per lease TTL, so the holder renews before its lease lapses.
    super(clock, log, Math.min(settings.schedulerIntervalMs, LEASE_TTL_MS / 3), 'rotation sweep');
    this.#lease = new KvLease(nc, kvBuckets.kmsLeases.name, 'rotation-scheduler', `kms-${randomUUID()}`, LEASE_TTL_MS, settings.service.streamReplicas);
  }

  override async onModuleDestroy(): Promise<void> {
    await super.onModuleDestroy();
    await this.#lease.release();
  }

  protected async sweepOnce(now: number): Promise<void> {
    if (!(await this.#lease.tryAcquire())) return;
    for (const keyring of [...this.keyrings.all()]) {
      for (const keyId of dueForRotation(keyring, now)) {
        const key = findKey(keyring, keyId);
        if (!key) continue;
        const material = await this.versions.next(key);
        const ctx = systemContext(`rotate-${keyId}-${material.version}`, keyring.projectId, key.domainId);
        await this.keyrings
          .execute(ctx, (s) => decide(s, { type: 'RotateKey', keyId, now, material, trigger: 'scheduled' }), keyring.projectId)
          .catch((err: unknown) => this.log.warn({ err, keyId }, 'scheduled rotation refused'));
      }
    }
  }
}
