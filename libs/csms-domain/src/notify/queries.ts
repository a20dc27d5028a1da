import type { Instant } from '@dew/decider';
import { InvalidField, quote } from '@dew/contracts';
import { activeSecrets } from '../state/queries.js';
import type { SecretSet } from '../state/secret-set.js';
import type { EventRule, NotificationRecord, PendingNotification } from './model.js';

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;

/** Live secrets subscribing to the rule `name`, by name. */
export function subscribersOf(state: SecretSet, name: string): string[] {
  return activeSecrets(state).filter((s) => (s.eventSubscriptions ?? []).includes(name)).map((s) => s.name);
}

/** Versions of live secrets whose expire_time has passed and that are not marked expired yet. */
export function dueExpiries(state: SecretSet, now: Instant): Array<{ secretId: string; versionId: string }> {
  return [...state.secrets.values()].flatMap((s) => s.versions.filter((v) => v.expireTime !== null && v.expireTime <= now && !v.expired).map((v) => ({ secretId: s.id, versionId: v.id })));
}

/** Outbox entries whose next attempt is due, oldest first. */
export function dueNotifications(state: SecretSet, now: Instant): PendingNotification[] {
  return [...state.outbox.values()].filter((p) => p.nextAttemptAt <= now);
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextMarker: string | null;
}

function pageLimit(limit: number | undefined): number {
  const n = limit ?? PAGE_LIMIT_DEFAULT;
  if (!Number.isInteger(n) || n < 1 || n > PAGE_LIMIT_MAX) throw InvalidField('limit', `be an integer 1..${PAGE_LIMIT_MAX}`, quote(n));
  return n;
}

/** Items after `marker` (a key of an earlier item), `limit` of them. */
function pageOf<T>(items: readonly T[], keyOf: (t: T) => string, query: { limit?: number; marker?: string }): Page<T> {
  const limit = pageLimit(query.limit);
  const start = query.marker ? items.findIndex((t) => keyOf(t) === query.marker) + 1 : 0;
  const page = items.slice(start, start + limit);
  const last = page[page.length - 1];
  return { items: page, nextMarker: start + limit < items.length && last !== undefined ? keyOf(last) : null };
}

/** GET `csms/events`: by name; `marker` is an event name. */
export function listEventRules(state: SecretSet, query: { limit?: number; marker?: string } = {}): Page<EventRule> {
  const rules = [...state.eventRules.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return pageOf(rules, (r) => r.name, query);
}

const recordKey = (r: NotificationRecord) => `${r.notificationId}.${r.attempt}`;

/** GET `csms/notification-records`: newest first; `marker` is `<notification id>.<attempt>` of a record. */
export function listNotificationRecords(state: SecretSet, query: { limit?: number; marker?: string } = {}): Page<NotificationRecord> {
  return pageOf([...state.records].reverse(), recordKey, query);
}
