import { assertNever } from '@dew/decider';
import { applyTagChange } from '@dew/contracts';
import { changeLiveSecret, type SecretSet } from '../state/secret-set.js';
import type { SecretTagEvent } from './events.js';

export function evolveTags(state: SecretSet, event: SecretTagEvent): SecretSet {
  switch (event.type) {
    case 'SecretTagsChanged':
      return changeLiveSecret(state, event.secretId, (s) => ({ ...s, tags: applyTagChange(s.tags, event.set, event.removed) }));
    default:
      return assertNever(event.type);
  }
}
