import { ForbiddenCharacter, InvalidField, charLength, firstBadChar, quote } from '@dew/contracts';
import { EVENT_TYPES, RULE_STATES, WEBHOOK, type RuleState, type SecretEventType, type WebhookTarget } from './model.js';

/** Field rules of secret events (docs/api-decisions.md, "Secret events"). Each returns the accepted value or throws a CSMS refusal. */

export const EVENT_NAME_MAX = 64;
/** Secret events per project (a DEW choice: Huawei publishes none). */
export const EVENT_QUOTA = 50;
export const WEBHOOK_URL_MAX = 1024;
export const TARGET_NAME_MAX = 64;
/** `event_subscriptions` on a secret (Huawei: at most 1). */
export const SUBSCRIPTIONS_MAX = 1;

const NAME_CHAR = /^[a-zA-Z0-9_-]$/;

/** `name`: `^[a-zA-Z0-9_-]{1,64}$`. */
export function validateEventName(name: string, field = 'name'): string {
  if (typeof name !== 'string') throw InvalidField(field, 'be a string');
  const length = charLength(name);
  if (length < 1 || length > EVENT_NAME_MAX) throw InvalidField(field, `be 1..${EVENT_NAME_MAX} characters of [a-zA-Z0-9_-]`, length);
  const bad = firstBadChar(name, NAME_CHAR);
  if (bad) throw ForbiddenCharacter(field, 'a-z A-Z 0-9 _ -', bad);
  return name;
}

/** `event_types`: 1..5 distinct types of the SDK's enum. */
export function validateEventTypes(types: readonly string[]): SecretEventType[] {
  if (!Array.isArray(types) || types.length < 1 || types.length > EVENT_TYPES.length) {
    throw InvalidField('event_types', `hold 1..${EVENT_TYPES.length} of ${EVENT_TYPES.join(', ')}`, Array.isArray(types) ? `${types.length} items` : undefined);
  }
  return types.map((t, i) => {
    const found = EVENT_TYPES.find((e) => e === t);
    if (!found) throw InvalidField(`event_types[${i}]`, `be one of ${EVENT_TYPES.join(', ')}`, quote(t));
    if (types.indexOf(t) !== i) throw InvalidField(`event_types[${i}]`, 'not repeat an earlier type', quote(t));
    return found;
  });
}

export function validateRuleState(state: string): RuleState {
  const found = RULE_STATES.find((s) => s === state);
  if (!found) throw InvalidField('state', `be one of ${RULE_STATES.join(', ')}`, quote(state));
  return found;
}

export interface TargetFields {
  readonly target_type?: string | undefined;
  readonly target_id?: string | undefined;
  readonly target_name?: string | undefined;
}

/** `notification`: target_type WEBHOOK, target_id an http(s) URL of at most 1024 characters, target_name 0..64 (default: the URL's host). */
export function validateWebhookTarget(t: TargetFields): WebhookTarget {
  if (t.target_type !== WEBHOOK) throw InvalidField('notification.target_type', `be ${WEBHOOK}`, quote(t.target_type ?? ''));
  const url = t.target_id ?? '';
  if (charLength(url) < 1 || charLength(url) > WEBHOOK_URL_MAX) throw InvalidField('notification.target_id', `be a URL of 1..${WEBHOOK_URL_MAX} characters`, charLength(url));
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw InvalidField('notification.target_id', 'be an http:// or https:// URL', quote(url.slice(0, 64)));
  }
  if (parsed.username || parsed.password) throw InvalidField('notification.target_id', 'carry no user or password', quote(parsed.host));
  const name = t.target_name ?? parsed.host;
  if (charLength(name) > TARGET_NAME_MAX) throw InvalidField('notification.target_name', `be at most ${TARGET_NAME_MAX} characters`, charLength(name));
  return { type: WEBHOOK, url: parsed.href, name };
}
