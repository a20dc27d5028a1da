import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { dueExpiries, dueNotifications } from '@dew/csms-domain';
import { systemContext } from '@dew/messaging';
import { Clock, PeriodicSweep, PINO } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';
import { NotifySettings } from './notify-settings.js';
import { WebhookDelivery } from './webhook-delivery.js';

const INTERVAL_MS = 500;

/**
 * The notifier (docs/architecture.md, "Secret event notifications"): marks versions whose
 * expire_time has passed, then works the outbox (the NotificationDue entries of each project's
 * secret set): one attempt per due entry, its outcome appended, retries backing off. An attempt
 * that happened but whose record was lost (a crash in between) is made again: at least once, the
 * notification id lets a receiver drop the repeat.
 */
@Injectable()
export class Notifier extends PeriodicSweep {
  constructor(
    private readonly sets: SecretSets,
    private readonly delivery: WebhookDelivery,
    private readonly settings: NotifySettings,
    clock: Clock,
    @Inject(PINO) log: Logger,
  ) {
    super(clock, log, INTERVAL_MS, 'secret event notifier');
  }

  protected async sweepOnce(now: number): Promise<void> {
    for (const set of [...this.sets.all()]) {
      if (dueExpiries(set, now).length > 0) {
        await this.sets.execute(systemContext(`expire-versions-${now}`, set.projectId), { type: 'ExpireVersions', now }, set.projectId);
      }
    }
    for (const set of [...this.sets.all()]) {
      for (const pending of dueNotifications(set, now)) {
        const { status, content } = await this.delivery.attempt(set.projectId, pending, this.clock.now());
        const ctx = systemContext(`notify-${pending.notificationId}-${pending.attempts + 1}`, set.projectId);
        const { maxAttempts, retryBaseMs } = this.settings;
        await this.sets.execute(ctx, { type: 'RecordNotificationAttempt', notificationId: pending.notificationId, status, content, maxAttempts, retryBaseMs, now: this.clock.now() }, set.projectId);
      }
    }
  }
}
