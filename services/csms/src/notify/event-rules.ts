import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UnknownSecretEvent, type CreateSecretEventRequest, type UpdateSecretEventRequest } from '@dew/contracts';
import { findSecretByName, validateSubscriptions, type EventRule, type Secret } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock } from '@dew/nest-kit';
import { Envelope } from '../envelope/envelope.js';
import { SecretSets } from '../secrets/secret-sets.js';
import { WebhookPolicy } from './webhook-policy.js';

const SIGNING_LABEL = Buffer.from('dew/csms-notify/signing-key', 'utf8');
const keyringOwner = (eventId: string): string => `event-${eventId}`;
/** A second command of the same request needs its own message id (the first one's would be taken for a retry). */
/** A sub-step of a request: its own request id, so the event store does not drop its append as a repeat. */
export const step = (ctx: RequestContext, name: string): RequestContext => ({ ...ctx, requestId: `${ctx.requestId}:${name}` });

/**
 * Secret events (notification rules): each has a keyring entry of its own, from which its webhook
 * signing key is derived (never stored, gone when the event is deleted).
 */
@Injectable()
export class EventRules {
  constructor(
    private readonly sets: SecretSets,
    private readonly envelope: Envelope,
    private readonly policy: WebhookPolicy,
    private readonly clock: Clock,
  ) {}

  named(ctx: RequestContext, name: string): EventRule {
    const rule = this.sets.of(ctx.projectId).eventRules.get(name);
    if (!rule) throw UnknownSecretEvent(name);
    return rule;
  }

  async create(ctx: RequestContext, r: CreateSecretEventRequest): Promise<{ rule: EventRule; signingKey: string }> {
    this.policy.checkTarget(r.notification.target_id);
    const eventId = randomUUID();
    const command = { type: 'CreateSecretEvent', eventId, name: r.name, eventTypes: r.event_types, state: r.state, notification: r.notification, now: this.clock.now() } as const;
    // Refused now (a name taken, a field, the quota) before its keyring entry is written.
    this.sets.check(ctx, command);
    await this.envelope.createEntry(keyringOwner(eventId));
    try {
      await this.sets.execute(ctx, command);
      return { rule: this.named(ctx, r.name), signingKey: await this.signingKey(eventId) };
    } catch (err) {
      await this.envelope.eraseEntry(keyringOwner(eventId));
      throw err;
    }
  }

  async update(ctx: RequestContext, r: UpdateSecretEventRequest): Promise<EventRule> {
    this.policy.checkTarget(r.notification?.target_id);
    await this.sets.execute(ctx, {
      type: 'UpdateSecretEvent',
      name: r.event_name,
      ...(r.event_types !== undefined ? { eventTypes: r.event_types } : {}),
      ...(r.state !== undefined ? { state: r.state } : {}),
      ...(r.notification !== undefined ? { notification: r.notification } : {}),
      now: this.clock.now(),
    });
    return this.named(ctx, r.event_name);
  }

  async delete(ctx: RequestContext, name: string): Promise<void> {
    const rule = this.named(ctx, name);
    await this.sets.execute(ctx, { type: 'DeleteSecretEvent', name, now: this.clock.now() });
    await this.envelope.eraseEntry(keyringOwner(rule.id));
  }

  /** Refuses `event_subscriptions` naming no event of the project before anything else is changed (absent: nothing to check). */
  checkSubscriptions(ctx: RequestContext, eventNames: readonly string[] | undefined): void {
    if (eventNames !== undefined) validateSubscriptions(this.sets.of(ctx.projectId), eventNames);
  }

  /** Sets a secret's `event_subscriptions` after its create or update, as a step of its own; absent leaves `secret` as it is. */
  async subscribe(ctx: RequestContext, secret: Secret, eventNames: readonly string[] | undefined): Promise<Secret> {
    if (eventNames === undefined) return secret;
    await this.sets.execute(step(ctx, 'subscribe'), { type: 'SubscribeSecret', name: secret.name, eventNames, now: this.clock.now() });
    return findSecretByName(this.sets.of(ctx.projectId), secret.name) ?? secret;
  }

  /** The key deliveries of the event `eventId` are signed with (hex of 32 bytes). */
  signingKey(eventId: string): Promise<string> {
    return this.envelope.mac(keyringOwner(eventId), SIGNING_LABEL);
  }
}
