import type { Instant } from '@dew/decider';
import type { NotificationStatus, Occurrence, RuleState, SecretEventType, WebhookTarget } from './model.js';

/** Events of secret events (notification rules), subscriptions, expiry and notification delivery. */

export interface SecretEventCreated {
  readonly type: 'SecretEventCreated';
  readonly eventId: string;
  readonly name: string;
  readonly eventTypes: readonly SecretEventType[];
  readonly state: RuleState;
  readonly target: WebhookTarget;
  readonly at: Instant;
}
export interface SecretEventUpdated {
  readonly type: 'SecretEventUpdated';
  readonly name: string;
  readonly eventTypes?: readonly SecretEventType[];
  readonly state?: RuleState;
  readonly target?: WebhookTarget;
  readonly at: Instant;
}
export interface SecretEventDeleted {
  readonly type: 'SecretEventDeleted';
  readonly name: string;
  readonly at: Instant;
}
/** The secret's `event_subscriptions` became `eventNames`. */
export interface SecretSubscriptionsChanged {
  readonly type: 'SecretSubscriptionsChanged';
  readonly secretId: string;
  readonly eventNames: readonly string[];
  readonly at: Instant;
}
/** A version's expire_time has passed. */
export interface SecretVersionExpired {
  readonly type: 'SecretVersionExpired';
  readonly secretId: string;
  readonly versionId: string;
  readonly at: Instant;
}
/** A notification is owed: written with the change that causes it (the outbox entry). */
export interface NotificationDue {
  readonly type: 'NotificationDue';
  readonly notificationId: string;
  readonly eventId: string;
  readonly name: string;
  readonly target: WebhookTarget;
  readonly occurrence: Occurrence;
  readonly at: Instant;
}
/** One delivery attempt; `final` settles the notification (delivered, or attempts used up). */
export interface NotificationAttempted {
  readonly type: 'NotificationAttempted';
  readonly notificationId: string;
  readonly attempt: number;
  readonly status: NotificationStatus;
  readonly content: string;
  /** Where it went (the event's target at attempt time; absent in attempts recorded before targets followed updates). */
  readonly target?: WebhookTarget;
  readonly final: boolean;
  readonly nextAttemptAt: Instant | null;
  readonly at: Instant;
}

export type NotifyEvent =
  | SecretEventCreated
  | SecretEventUpdated
  | SecretEventDeleted
  | SecretSubscriptionsChanged
  | SecretVersionExpired
  | NotificationDue
  | NotificationAttempted;
