import { InvalidField, UnknownSecretEvent } from '@dew/contracts';
import type { SecretSet } from '../state/secret-set.js';
import { SUBSCRIPTIONS_MAX, validateEventName } from './rules.js';

/** `event_subscriptions`: at most 1 name, each an existing secret event of the project. */
export function validateSubscriptions(state: SecretSet, names: readonly string[]): string[] {
  if (!Array.isArray(names) || names.length > SUBSCRIPTIONS_MAX) {
    throw InvalidField('event_subscriptions', `hold at most ${SUBSCRIPTIONS_MAX} event name(s)`, Array.isArray(names) ? `${names.length}` : undefined);
  }
  return names.map((n, i) => {
    validateEventName(n, `event_subscriptions[${i}]`);
    if (!state.eventRules.has(n)) throw UnknownSecretEvent(n);
    return n;
  });
}
