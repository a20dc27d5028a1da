import { Injectable } from '@nestjs/common';
import type { NotificationStatus, PendingNotification } from '@dew/csms-domain';
import { EventRules } from './event-rules.js';
import { NotifySettings } from './notify-settings.js';
import { NOTIFICATION_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signDelivery } from './signature.js';
import { WebhookPolicy } from './webhook-policy.js';

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

/** One attempt to POST a notification: SUCCESS on any 2xx, INVALID when its event is gone (no signing key) or the policy refuses the host, else FAIL. */
@Injectable()
export class WebhookDelivery {
  constructor(
    private readonly rules: EventRules,
    private readonly policy: WebhookPolicy,
    private readonly settings: NotifySettings,
  ) {}

  async attempt(projectId: string, p: PendingNotification, eventLives: boolean, now: number): Promise<{ status: NotificationStatus; content: string }> {
    const content = notificationBody(projectId, p);
    if (!eventLives || (await this.policy.refusalBeforeDelivery(p.target.url))) return { status: 'INVALID', content };
    try {
      const timestamp = String(Math.floor(now / 1000));
      const response = await fetch(p.target.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        headers: {
          'content-type': 'application/json',
          [NOTIFICATION_ID_HEADER]: p.notificationId,
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signDelivery(await this.rules.signingKey(p.ruleId), timestamp, content),
        },
        body: content,
      });
      await response.body?.cancel();
      return { status: response.ok ? 'SUCCESS' : 'FAIL', content };
    } catch {
      return { status: 'FAIL', content };
    }
  }
}
