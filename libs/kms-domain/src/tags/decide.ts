import type { Instant } from '@dew/decider';
import { TagActionInvalid, TagListEmpty, TagNotFound, TagsOnDefaultKey, TooManyTags, quote } from '@dew/contracts';
import { TAGS_PER_KEY_MAX, validateTag, validateTags, type KeyTag, type KeyTagInput } from '../rules.js';
import { assertNever } from '@dew/decider';
import { liveKey, refusePendingDeletion } from '../state/guards.js';
import type { Keyring, LiveCmk } from '../state/keyring.state.js';
import type { KeyTagsChanged } from './events.js';

/** Tags on CMKs. */

export interface AddKeyTag {
  readonly type: 'AddKeyTag';
  readonly keyId: string;
  /** An existing tag key gets the new value: one value per key. */
  readonly tag: KeyTagInput;
  readonly now: Instant;
}
export interface RemoveKeyTag {
  readonly type: 'RemoveKeyTag';
  readonly keyId: string;
  readonly tagKey: string;
  readonly now: Instant;
}
/** `{key_id}/tags/action`. Delete removes by tag key and ignores keys the CMK does not carry. */
export interface BatchKeyTags {
  readonly type: 'BatchKeyTags';
  readonly keyId: string;
  readonly action: string;
  readonly tags: readonly KeyTagInput[];
  readonly now: Instant;
}

export type TagCommand = AddKeyTag | RemoveKeyTag | BatchKeyTags;

export function decideTags(state: Keyring, command: TagCommand): readonly KeyTagsChanged[] {
  switch (command.type) {
    case 'AddKeyTag':
      return addKeyTag(state, command);
    case 'RemoveKeyTag':
      return removeKeyTag(state, command);
    case 'BatchKeyTags':
      return batchKeyTags(state, command);
    default:
      return assertNever(command);
  }
}

/** A key whose tags may change: live, not default (KMS.0411), not pending deletion (KMS.0210). */
function taggableKey(state: Keyring, keyId: string, operation: string): LiveCmk {
  const k = liveKey(state, keyId);
  if (k.isDefault) throw TagsOnDefaultKey(k.alias, k.keyId);
  refusePendingDeletion(k, operation);
  return k;
}

/** Tags `set` would leave on the key, and the event if anything changes. */
function setTags(k: LiveCmk, set: readonly KeyTag[], now: Instant): KeyTagsChanged[] {
  const current = new Map(k.tags.map((t) => [t.key, t.value]));
  const changed = set.filter((t) => current.get(t.key) !== t.value);
  if (changed.length === 0) return [];
  const added = changed.filter((t) => !current.has(t.key)).length;
  const total = k.tags.length + added;
  if (total > TAGS_PER_KEY_MAX) {
    throw TooManyTags(
      `at most ${TAGS_PER_KEY_MAX} tags per key: key ${k.keyId} has ${k.tags.length}, adding ${added} would make ${total}`,
    );
  }
  return [{ type: 'KeyTagsChanged', keyId: k.keyId, set: changed, removed: [], at: now }];
}

export function addKeyTag(state: Keyring, cmd: AddKeyTag): KeyTagsChanged[] {
  const tag = validateTag(cmd.tag);
  const k = taggableKey(state, cmd.keyId, 'adding a tag');
  return setTags(k, [tag], cmd.now);
}

export function removeKeyTag(state: Keyring, cmd: RemoveKeyTag): KeyTagsChanged[] {
  const k = taggableKey(state, cmd.keyId, 'deleting a tag');
  if (!k.tags.some((t) => t.key === cmd.tagKey)) {
    throw TagNotFound(k.keyId, cmd.tagKey);
  }
  return [{ type: 'KeyTagsChanged', keyId: k.keyId, set: [], removed: [cmd.tagKey], at: cmd.now }];
}

export function batchKeyTags(state: Keyring, cmd: BatchKeyTags): KeyTagsChanged[] {
  if (cmd.action !== 'create' && cmd.action !== 'delete') {
    throw TagActionInvalid(quote(cmd.action));
  }
  if (cmd.tags.length === 0) throw TagListEmpty();
  const tags = validateTags(cmd.tags);
  if (cmd.action === 'create') {
    const k = taggableKey(state, cmd.keyId, 'adding tags');
    return setTags(k, tags, cmd.now);
  }
  const k = taggableKey(state, cmd.keyId, 'deleting tags');
  const removed = tags.map((t) => t.key).filter((key) => k.tags.some((t) => t.key === key));
  if (removed.length === 0) return [];
  return [{ type: 'KeyTagsChanged', keyId: k.keyId, set: [], removed, batch: true, at: cmd.now }];
}
