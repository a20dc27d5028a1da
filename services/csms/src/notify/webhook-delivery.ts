import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import type { NotificationStatus, PendingNotification, WebhookTarget } from '@dew/csms-domain';
import { EventRules } from './event-rules.js';
import { NotifySettings } from './notify-settings.js';
import { NOTIFICATION_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signDelivery } from './signature.js';
import { postWebhook } from './webhook-post.js';
import { WebhookPolicy, bareHost } from './webhook-policy.js';

/** The JSON a webhook receives: what happened to which secret, never a value (docs/api-decisions.md, "Secret events"). */
export function notificationBody(projectId: string, p: PendingNotification): string {
  const o = p.occurrence;
  return JSON.stringify({
    notification_id: p.notificationId,
    event_name: p.ruleName,
    event_id: p.ruleId,
    event_type: o.eventType,
    project_id: projectId,
    secret_id: o.secretId,
    secret_name: o.secretName,
    secret_type: o.secretType,
    version_id: o.versionId,
    occurred_at: Math.floor(o.at / 1000),
  });
}

/**
 * One attempt to POST a notification to its event's current `target` (null: the event is gone):
 * SUCCESS on any 2xx, INVALID when the event is gone or the address policy refuses the host at
 * connection time, else FAIL.
 */
@Injectable()
export class WebhookDelivery {
  constructor(
    private readonly rules: EventRules,
    private readonly policy: WebhookPolicy,
    private readonly settings: NotifySettings,
  ) {}

  async attempt(projectId: string, p: PendingNotification, target: WebhookTarget | null, now: number): Promise<{ status: NotificationStatus; content: string }> {
    const content = notificationBody(projectId, p);
    if (target === null || !URL.canParse(target.url)) return { status: 'INVALID', content };
    const host = bareHost(target.url);
    // A literal address is not looked up: it is checked here, and its peer again on connect.
    if (isIP(host) && this.policy.refusal(host, host)) return { status: 'INVALID', content };
    const timestamp = String(Math.floor(now / 1000));
    const headers = {
      'content-type': 'application/json',
      [NOTIFICATION_ID_HEADER]: p.notificationId,
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signDelivery(await this.rules.signingKey(p.ruleId), timestamp, content),
    };
    const outcome = await postWebhook(target.url, headers, content, {
      lookup: this.policy.connectLookup(host),
      refusal: (address) => this.policy.refusal(host, address),
      connectTimeoutMs: this.settings.connectTimeoutMs,
      timeoutMs: this.settings.timeoutMs,
    });
    if ('refused' in outcome) return { status: 'INVALID', content };
    return { status: 'status' in outcome && outcome.status >= 200 && outcome.status < 300 ? 'SUCCESS' : 'FAIL', content };
  }
}
