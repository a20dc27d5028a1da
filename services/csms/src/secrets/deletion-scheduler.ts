import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { dueForDeletion, findSecretById, keyringOwnerOf } from '@dew/csms-domain';
import { systemContext } from '@dew/messaging';
import { Clock, PeriodicSweep, PINO } from '@dew/nest-kit';
import { Envelope } from '../envelope/envelope.js';
import { SecretSets } from './secret-sets.js';

const INTERVAL_MS = 60_000;

/**
 * Deletes secrets whose recovery window has ended: the event first (guarded by the set's
 * sequence, so a cancel that got in first wins), then the secret's keyring entry is erased.
 */
@Injectable()
export class SecretDeletionScheduler extends PeriodicSweep {
  constructor(
    private readonly sets: SecretSets,
    private readonly envelope: Envelope,
    clock: Clock,
    @Inject(PINO) log: Logger,
  ) {
    super(clock, log, INTERVAL_MS, 'secret deletion sweep');
  }

  protected async sweepOnce(now: number): Promise<void> {
    for (const set of [...this.sets.all()]) {
      for (const secretId of dueForDeletion(set, now)) {
        const ctx = systemContext(`delete-secret-${secretId}`, set.projectId);
        const due = findSecretById(set, secretId);
        if (!due) continue;
        const owner = keyringOwnerOf(due);
        const { events } = await this.sets.execute(ctx, { type: 'ExecuteSecretDeletion', secretId, now }, set.projectId);
        if (events.length > 0 && !findSecretById(this.sets.of(set.projectId), secretId)) await this.envelope.eraseEntry(owner);
      }
    }
  }
}
