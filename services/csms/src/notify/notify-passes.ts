import { Injectable } from '@nestjs/common';
import { dueExpiries, dueNotifications, type PendingNotification } from '@dew/csms-domain';
import { systemContext } from '@dew/messaging';
import { Clock } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';
import { NotifySettings } from './notify-settings.js';
import { roundRobin } from './round-robin.js';
import { WebhookDelivery } from './webhook-delivery.js';

/**
 * The notifier's two passes over every project's secret set (docs/architecture.md, "Secret event
 * notifications"): versions whose expire_time has passed are marked (which owes their
 * notifications), and each outbox entry that is due gets one attempt and its outcome appended.
 * Deliveries run a few at a time, projects taking turns, a bounded number per project per pass,
 * so a project whose webhook hangs cannot hold up the others. An attempt whose record was lost (a
 * crash in between) is made again: at least once, and the notification id lets a receiver drop
 * the repeat.
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
    const { concurrency, perProjectPerPass } = this.settings;
    const queues = [...this.sets.all()].map((set) => dueNotifications(set, now).slice(0, perProjectPerPass).map((pending) => ({ projectId: set.projectId, pending })));
    await roundRobin(queues, concurrency, ({ projectId, pending }) => this.#attempt(projectId, pending));
  }

  /** One attempt to the event's current target (a changed URL applies to pending notifications too). */
  async #attempt(projectId: string, pending: PendingNotification): Promise<void> {
    const { maxAttempts, retryBaseMs } = this.settings;
    const rule = this.sets.of(projectId).eventRules.get(pending.ruleName);
    const target = rule?.id === pending.ruleId ? rule.target : null;
    const { status, content } = await this.delivery.attempt(projectId, pending, target, this.clock.now());
    const ctx = systemContext(`notify-${pending.notificationId}-${pending.attempts + 1}`, projectId);
    const command = { type: 'RecordNotificationAttempt', notificationId: pending.notificationId, status, content, target: target ?? pending.target, maxAttempts, retryBaseMs, now: this.clock.now() } as const;
    await this.sets.execute(ctx, command, projectId);
  }

}
