import { Injectable } from '@nestjs/common';
import { dueExpiries, dueNotifications } from '@dew/csms-domain';
import { systemContext } from '@dew/messaging';
import { Clock } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';
import { NotifySettings } from './notify-settings.js';
import { WebhookDelivery } from './webhook-delivery.js';

/**
 * The notifier's two passes over every project's secret set (docs/architecture.md, "Secret event
 * notifications"): versions whose expire_time has passed are marked (which owes their
 * notifications), then each outbox entry that is due gets one attempt and its outcome appended.
 * An attempt whose record was lost (a crash in between) is made again: at least once, and the
 * notification id lets a receiver drop the repeat.
 */
@Injectable()
export class NotifyPasses {
  constructor(
    private readonly sets: SecretSets,
    private readonly delivery: WebhookDelivery,
    private readonly settings: NotifySettings,
    private readonly clock: Clock,
  ) {}

  async expire(now: number): Promise<void> {
    for (const set of [...this.sets.all()].filter((s) => dueExpiries(s, now).length > 0)) {
      await this.sets.execute(systemContext(`expire-versions-${now}`, set.projectId), { type: 'ExpireVersions', now }, set.projectId);
    }
  }

  async deliver(now: number): Promise<void> {
    const { maxAttempts, retryBaseMs } = this.settings;
    for (const set of [...this.sets.all()]) {
      for (const pending of dueNotifications(set, now)) {
        const eventLives = set.eventRules.get(pending.ruleName)?.id === pending.ruleId;
        const { status, content } = await this.delivery.attempt(set.projectId, pending, eventLives, this.clock.now());
        const ctx = systemContext(`notify-${pending.notificationId}-${pending.attempts + 1}`, set.projectId);
        await this.sets.execute(ctx, { type: 'RecordNotificationAttempt', notificationId: pending.notificationId, status, content, maxAttempts, retryBaseMs, now: this.clock.now() }, set.projectId);
      }
    }
  }
}
