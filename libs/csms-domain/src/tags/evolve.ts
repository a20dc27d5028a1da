import { assertNever } from '../assert-never.js';
import { changeLiveSecret, type SecretSet, type SecretTag } from '../state/secret-set.js';
import type { SecretTagEvent } from './events.js';

/** Removed keys go; set tags update in place (one value per key) or are appended, in order. */
export function applyTagChange(
  tags: readonly SecretTag[],
  set: readonly SecretTag[],
  removed: readonly string[],
): readonly SecretTag[] {
  const gone = new Set(removed);
  const out = tags.filter((t) => !gone.has(t.key));
  for (const t of set) {
    const i = out.findIndex((o) => o.key === t.key);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

export function evolveTags(state: SecretSet, event: SecretTagEvent): SecretSet {
  switch (event.type) {
    case 'SecretTagsChanged':
      return changeLiveSecret(state, event.secretId, (s) => ({ ...s, tags: applyTagChange(s.tags, event.set, event.removed) }));
    default:
      return assertNever(event.type);
  }
}
