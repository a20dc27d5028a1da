import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { dueForDeletion, findSecretById } from '@dew/csms-domain';
import { systemContext } from '@dew/messaging';
import { Clock, PINO } from '@dew/nest-kit';
import { Envelope } from '../envelope/envelope.js';
import { SecretSets } from './secret-sets.js';

const INTERVAL_MS = 60_000;

/**
 * Deletes secrets whose recovery window has ended (SPEC S3): the event first (guarded by the set's
 * sequence, so a cancel that got in first wins), then the secret's keyring entry is erased.
 */
@Injectable()
export class SecretDeletionScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(
    private readonly sets: SecretSets,
    private readonly envelope: Envelope,
    private readonly clock: Clock,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.clock.onTick((now) => this.sweep(now));
    await this.sweep(this.clock.now());
    this.#timer = setInterval(() => void this.sweep(this.clock.now()), INTERVAL_MS);
    this.#timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.#timer);
  }

  sweep(now: number): Promise<void> {
    this.#running = this.#running.then(() => this.#sweep(now)).catch((err) => this.log.error({ err }, 'secret deletion sweep failed'));
    return this.#running;
  }

  async #sweep(now: number): Promise<void> {
    for (const set of [...this.sets.all()]) {
      for (const secretId of dueForDeletion(set, now)) {
        const ctx = systemContext(`delete-secret-${secretId}`, set.projectId);
        const { events } = await this.sets.execute(ctx, { type: 'ExecuteSecretDeletion', secretId, now }, set.projectId);
        if (events.length > 0 && !findSecretById(this.sets.of(set.projectId), secretId)) await this.envelope.eraseEntry(secretId);
      }
    }
  }
}
