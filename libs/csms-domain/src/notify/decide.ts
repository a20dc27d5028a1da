import type { Instant } from '@dew/decider';
import { SecretEventInUse, SecretEventNameTaken, SecretEventQuotaReached, UnknownSecretEvent } from '@dew/contracts';
import { assertNever } from '@dew/decider';
import { requireEnabledSecret } from '../state/queries.js';
import type { SecretSet } from '../state/secret-set.js';
import type { NotificationAttempted, NotifyEvent, SecretEventCreated, SecretEventDeleted, SecretEventUpdated, SecretSubscriptionsChanged, SecretVersionExpired } from './events.js';
import type { EventRule, NotificationStatus, WebhookTarget } from './model.js';
import { dueExpiries, subscribersOf } from './queries.js';
import { EVENT_QUOTA, validateEventName, validateEventTypes, validateRuleState, validateWebhookTarget, type TargetFields } from './rules.js';
import { validateSubscriptions } from './subscriptions.js';

export interface CreateSecretEvent {
  readonly type: 'CreateSecretEvent';
  readonly eventId: string;
  readonly name: string;
  readonly eventTypes: readonly string[];
  readonly state: string;
  readonly notification: TargetFields;
  readonly now: Instant;
}
export interface UpdateSecretEvent {
  readonly type: 'UpdateSecretEvent';
  readonly name: string;
  readonly eventTypes?: readonly string[];
  readonly state?: string;
  readonly notification?: TargetFields;
  readonly now: Instant;
}
export interface DeleteSecretEvent {
  readonly type: 'DeleteSecretEvent';
  readonly name: string;
  readonly now: Instant;
}
/** Sets a secret's `event_subscriptions`. */
export interface SubscribeSecret {
  readonly type: 'SubscribeSecret';
  readonly name: string;
  readonly eventNames: readonly string[];
  readonly now: Instant;
}
/** Marks every version whose expire_time has passed (the notifier's sweep). */
export interface ExpireVersions {
  readonly type: 'ExpireVersions';
  readonly now: Instant;
}
/** The outcome of one delivery attempt; retries back off from `retryBaseMs`, doubling, up to `maxAttempts`. */
export interface RecordNotificationAttempt {
  readonly type: 'RecordNotificationAttempt';
  readonly notificationId: string;
  readonly status: NotificationStatus;
  readonly content: string;
  /** Where the attempt went: the event's target at attempt time. */
  readonly target: WebhookTarget;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly now: Instant;
}

export type NotifyCommand = CreateSecretEvent | UpdateSecretEvent | DeleteSecretEvent | SubscribeSecret | ExpireVersions | RecordNotificationAttempt;

function requireRule(state: SecretSet, name: string): EventRule {
  const rule = state.eventRules.get(name);
  if (!rule) throw UnknownSecretEvent(name);
  return rule;
}

function createEvent(state: SecretSet, cmd: CreateSecretEvent): SecretEventCreated[] {
  const name = validateEventName(cmd.name);
  const eventTypes = validateEventTypes(cmd.eventTypes);
  const ruleState = validateRuleState(cmd.state);
  const target = validateWebhookTarget(cmd.notification);
  if (state.eventRules.has(name)) throw SecretEventNameTaken(name);
  if (state.eventRules.size >= EVENT_QUOTA) throw SecretEventQuotaReached(EVENT_QUOTA, state.eventRules.size);
  return [{ type: 'SecretEventCreated', eventId: cmd.eventId, name, eventTypes, state: ruleState, target, at: cmd.now }];
}

function updateEvent(state: SecretSet, cmd: UpdateSecretEvent): SecretEventUpdated[] {
  const eventTypes = cmd.eventTypes === undefined ? undefined : validateEventTypes(cmd.eventTypes);
  const ruleState = cmd.state === undefined ? undefined : validateRuleState(cmd.state);
  const target = cmd.notification === undefined ? undefined : validateWebhookTarget(cmd.notification);
  requireRule(state, cmd.name);
  return [{
    type: 'SecretEventUpdated',
    name: cmd.name,
    ...(eventTypes ? { eventTypes } : {}),
    ...(ruleState ? { state: ruleState } : {}),
    ...(target ? { target } : {}),
    at: cmd.now,
  }];
}

function deleteEvent(state: SecretSet, cmd: DeleteSecretEvent): SecretEventDeleted[] {
  requireRule(state, cmd.name);
  const subscribers = subscribersOf(state, cmd.name);
  if (subscribers.length > 0) throw SecretEventInUse(cmd.name, subscribers);
  return [{ type: 'SecretEventDeleted', name: cmd.name, at: cmd.now }];
}

function subscribe(state: SecretSet, cmd: SubscribeSecret): SecretSubscriptionsChanged[] {
  const eventNames = validateSubscriptions(state, cmd.eventNames);
  const s = requireEnabledSecret(state, cmd.name, 'changing event_subscriptions');
  const before = s.eventSubscriptions ?? [];
  if (before.length === eventNames.length && before.every((n, i) => n === eventNames[i])) return [];
  return [{ type: 'SecretSubscriptionsChanged', secretId: s.id, eventNames, at: cmd.now }];
}

function expire(state: SecretSet, cmd: ExpireVersions): SecretVersionExpired[] {
  return dueExpiries(state, cmd.now).map(({ secretId, versionId }) => ({ type: 'SecretVersionExpired', secretId, versionId, at: cmd.now }));
}

function recordAttempt(state: SecretSet, cmd: RecordNotificationAttempt): NotificationAttempted[] {
  const pending = state.outbox.get(cmd.notificationId);
  if (!pending) return [];
  const attempt = pending.attempts + 1;
  const final = cmd.status !== 'FAIL' || attempt >= cmd.maxAttempts;
  const nextAttemptAt = final ? null : cmd.now + cmd.retryBaseMs * 2 ** (attempt - 1);
  return [{ type: 'NotificationAttempted', notificationId: cmd.notificationId, attempt, status: cmd.status, content: cmd.content, target: cmd.target, final, nextAttemptAt, at: cmd.now }];
}

export function decideNotify(state: SecretSet, command: NotifyCommand): readonly NotifyEvent[] {
  switch (command.type) {
    case 'CreateSecretEvent':
      return createEvent(state, command);
    case 'UpdateSecretEvent':
      return updateEvent(state, command);
    case 'DeleteSecretEvent':
      return deleteEvent(state, command);
    case 'SubscribeSecret':
      return subscribe(state, command);
    case 'ExpireVersions':
      return expire(state, command);
    case 'RecordNotificationAttempt':
      return recordAttempt(state, command);
    default:
      return assertNever(command);
  }
}
