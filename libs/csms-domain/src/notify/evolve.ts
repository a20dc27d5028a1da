import { assertNever } from '@dew/decider';
import { changeLiveSecret, type SecretSet } from '../state/secret-set.js';
import type { NotificationAttempted, NotifyEvent } from './events.js';
import type { NotificationRecord } from './model.js';

/** Delivery attempts kept per project (newest). */
export const RECORDS_KEPT = 1000;

function attempted(state: SecretSet, e: NotificationAttempted): SecretSet {
  const pending = state.outbox.get(e.notificationId);
  if (!pending) return state;
  const record: NotificationRecord = {
    notificationId: e.notificationId, ruleName: pending.ruleName, eventType: pending.occurrence.eventType, secretName: pending.occurrence.secretName,
    secretType: pending.occurrence.secretType, target: e.target ?? pending.target, content: e.content, status: e.status, attempt: e.attempt, at: e.at,
  };
  const outbox =
    e.final || e.nextAttemptAt === null
      ? state.outbox.delete(e.notificationId)
      : state.outbox.set(e.notificationId, { ...pending, attempts: e.attempt, nextAttemptAt: e.nextAttemptAt });
  return { ...state, outbox, records: [...state.records, record].slice(-RECORDS_KEPT) };
}

export function evolveNotify(state: SecretSet, event: NotifyEvent): SecretSet {
  switch (event.type) {
    case 'SecretEventCreated': {
      const eventRules = new Map(state.eventRules);
      eventRules.set(event.name, { id: event.eventId, name: event.name, eventTypes: event.eventTypes, state: event.state, target: event.target, createdAt: event.at, updatedAt: event.at });
      return { ...state, eventRules };
    }
    case 'SecretEventUpdated': {
      const rule = state.eventRules.get(event.name);
      if (!rule) return state;
      const eventRules = new Map(state.eventRules);
      eventRules.set(event.name, { ...rule, eventTypes: event.eventTypes ?? rule.eventTypes, state: event.state ?? rule.state, target: event.target ?? rule.target, updatedAt: event.at });
      return { ...state, eventRules };
    }
    case 'SecretEventDeleted': {
      const eventRules = new Map(state.eventRules);
      eventRules.delete(event.name);
      return { ...state, eventRules };
    }
    case 'SecretSubscriptionsChanged':
      return changeLiveSecret(state, event.secretId, (s) => ({ ...s, eventSubscriptions: event.eventNames, updatedAt: event.at }));
    case 'SecretVersionExpired':
      return changeLiveSecret(state, event.secretId, (s) => ({ ...s, versions: s.versions.map((v) => (v.id === event.versionId ? { ...v, expired: true } : v)) }));
    case 'NotificationDue': {
      const outbox = state.outbox.set(event.notificationId, {
        notificationId: event.notificationId, ruleId: event.eventId, ruleName: event.name, target: event.target, occurrence: event.occurrence, attempts: 0, nextAttemptAt: event.at,
      });
      return { ...state, outbox, notificationCount: state.notificationCount + 1 };
    }
    case 'NotificationAttempted':
      return attempted(state, event);
    default:
      return assertNever(event);
  }
}
