import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { decide, dueForRotation, findKey } from '@dew/kms-domain';
import { KvLease, systemContext } from '@dew/messaging';
import { Clock, NATS_CONNECTION, PINO } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { Keyrings } from '../keys/keyrings.js';
import { NewVersions } from '../crypto/new-version.js';

const LEASE_TTL_MS = 30_000;

/**
 * Rotates keys whose rotation is due (SPEC K13). Only the instance holding the KV lease works, so
 * two replicas never rotate the same key twice; due-ness comes from the durable keyring state
 * (nextRotationAt), so a restart loses no due rotation. Rotations are system actions.
 */
@Injectable()
export class RotationScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  readonly #lease: KvLease;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(
    private readonly keyrings: Keyrings,
    private readonly versions: NewVersions,
    private readonly clock: Clock,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
    @Inject(PINO) private readonly log: Logger,
  ) {
    this.#lease = new KvLease(nc, 'KMS_LEASES', 'rotation-scheduler', `kms-${randomUUID()}`, LEASE_TTL_MS, settings.service.streamReplicas);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.clock.onTick((now) => this.sweep(now));
    await this.sweep(this.clock.now());
    this.#timer = setInterval(() => void this.sweep(this.clock.now()), Math.min(this.settings.schedulerIntervalMs, LEASE_TTL_MS / 3));
    this.#timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
    await this.#lease.release();
  }

  sweep(now: number): Promise<void> {
    this.#running = this.#running.then(() => this.#sweep(now)).catch((err) => this.log.error({ err }, 'rotation sweep failed'));
    return this.#running;
  }

  async #sweep(now: number): Promise<void> {
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
