import type { SecretSet } from '../state/secret-set.js';
import type { NotificationDue } from './events.js';
import type { SecretEventType } from './model.js';

/** An event that may cause a notification: it names its secret, perhaps a version. */
interface SecretFact {
  readonly type: string;
  readonly secretId?: string;
  readonly versionId?: string | null;
  readonly at: number;
}

/** Which event type each fact notifies as. A new cause is one line here. */
export const NOTIFIED_AS: Readonly<Record<string, SecretEventType>> = {
  SecretVersionAdded: 'SECRET_VERSION_CREATED',
  SecretVersionExpired: 'SECRET_VERSION_EXPIRED',
  SecretDeletionScheduled: 'SECRET_DELETED',
  SecretDeleted: 'SECRET_DELETED',
  SecretRotated: 'SECRET_ROTATED',
  SecretRotationFailed: 'SECRET_ROTATED_FAILED',
};

/**
 * The notifications `events` cause, to be appended with them (so an acknowledged change never
 * loses its notification): one per enabled rule of that type the secret subscribes to, as the
 * secret was before the change.
 */
export function notificationsFor(state: SecretSet, events: readonly SecretFact[]): NotificationDue[] {
  const due: NotificationDue[] = [];
  for (const e of events) {
    const eventType = NOTIFIED_AS[e.type];
    const secret = e.secretId === undefined ? undefined : state.secrets.get(e.secretId);
    if (!eventType || !secret) continue;
    for (const ruleName of secret.eventSubscriptions ?? []) {
      const rule = state.eventRules.get(ruleName);
      if (!rule || rule.state !== 'ENABLED' || !rule.eventTypes.includes(eventType)) continue;
      due.push({
        type: 'NotificationDue',
        notificationId: `${state.projectId}-${state.notificationCount + due.length + 1}`,
        eventId: rule.id,
        name: rule.name,
        target: rule.target,
        occurrence: { eventType, secretId: secret.id, secretName: secret.name, secretType: secret.secretType, versionId: e.versionId ?? null, at: e.at },
        at: e.at,
      });
    }
  }
  return due;
}
