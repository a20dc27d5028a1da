import { applyTagChange } from '@dew/contracts';
import { assertNever } from '@dew/decider';
import type { Keyring } from '../state/keyring.state.js';
import { updateLive } from '../state/queries.js';
import type { TagEvent } from './events.js';

export function evolveTags(state: Keyring, event: TagEvent): Keyring {
  switch (event.type) {
    case 'KeyTagsChanged':
      return updateLive(state, event.keyId, (k) => ({ ...k, tags: applyTagChange(k.tags, event.set, event.removed) }));
    default:
      return assertNever(event.type);
  }
}

