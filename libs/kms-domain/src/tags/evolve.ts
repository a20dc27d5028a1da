import type { KeyTag } from '../rules.js';
import { assertNever } from '../state/assert-never.js';
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

/** Removed keys go; set tags update in place (one value per key) or are appended, in order. */
function applyTagChange(tags: readonly KeyTag[], set: readonly KeyTag[], removed: readonly string[]): readonly KeyTag[] {
  const gone = new Set(removed);
  const out = tags.filter((t) => !gone.has(t.key));
  for (const t of set) {
    const i = out.findIndex((o) => o.key === t.key);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}
