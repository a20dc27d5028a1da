import type { Instant } from '@dew/decider';

/**
 * Secret events (Huawei's name for a notification rule; "event rule" here, apart from the
 * event-sourced events) and the notifications they cause (docs/architecture.md, "Secret event
 * notifications").
 */

export const EVENT_TYPES = ['SECRET_VERSION_CREATED', 'SECRET_VERSION_EXPIRED', 'SECRET_ROTATED', 'SECRET_DELETED', 'SECRET_ROTATED_FAILED'] as const;
export type SecretEventType = (typeof EVENT_TYPES)[number];
export const RULE_STATES = ['ENABLED', 'DISABLED'] as const;
export type RuleState = (typeof RULE_STATES)[number];
/** DEW delivers to an HTTP(S) webhook; Huawei's SMN topics do not exist here. */
export const WEBHOOK = 'WEBHOOK';

export interface WebhookTarget {
  readonly type: typeof WEBHOOK;
  /** The webhook URL (`target_id`). */
  readonly url: string;
  readonly name: string;
}

export interface EventRule {
  readonly id: string;
  readonly name: string;
  readonly eventTypes: readonly SecretEventType[];
  readonly state: RuleState;
  readonly target: WebhookTarget;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

/** What happened to a secret, as the webhook is told (never a value). */
export interface Occurrence {
  readonly eventType: SecretEventType;
  readonly secretId: string;
  readonly secretName: string;
  readonly secretType: string;
  readonly versionId: string | null;
  readonly at: Instant;
}

/** A notification owed to one rule's webhook, kept until delivered or given up. */
export interface PendingNotification {
  readonly notificationId: string;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly target: WebhookTarget;
  readonly occurrence: Occurrence;
  /** Attempts made so far. */
  readonly attempts: number;
  readonly nextAttemptAt: Instant;
}

export type NotificationStatus = 'SUCCESS' | 'FAIL' | 'INVALID';

/** One delivery attempt (the SDK's `Record`). */
export interface NotificationRecord {
  readonly notificationId: string;
  readonly ruleName: string;
  readonly eventType: SecretEventType;
  readonly secretName: string;
  readonly secretType: string;
  readonly target: WebhookTarget;
  /** The JSON body sent. */
  readonly content: string;
  readonly status: NotificationStatus;
  readonly attempt: number;
  readonly at: Instant;
}
