import { DewError } from '@dew/contracts';
import { liveKey, refusePendingDeletion } from './guards.js';
import { activeKeys, type Keyring, type KeyringEvent, type LiveCmk } from './keyring.js';
import { LIST_LIMIT_MAX, byCreation } from './list-keys.js';
import { TAGS_PER_KEY_MAX, validateTag, validateTags, type KeyTag, type KeyTagInput } from './rules.js';
import { collectTags, matchesTags, quote } from '@dew/contracts';

/** Tags on CMKs, and the project-wide tag queries. */

export const TAG_SEARCH_LIMIT_DEFAULT = 10;
export const TAG_SEARCH_TAGS_MAX = 20;

export interface AddKeyTag {
  readonly type: 'AddKeyTag';
  readonly keyId: string;
  /** An existing tag key gets the new value: one value per key. */
  readonly tag: KeyTagInput;
  readonly now: number;
}
export interface RemoveKeyTag {
  readonly type: 'RemoveKeyTag';
  readonly keyId: string;
  readonly tagKey: string;
  readonly now: number;
}
/** `{key_id}/tags/action`. Delete removes by tag key and ignores keys the CMK does not carry. */
export interface BatchKeyTags {
  readonly type: 'BatchKeyTags';
  readonly keyId: string;
  readonly action: string;
  readonly tags: readonly KeyTagInput[];
  readonly now: number;
}

export type TagCommand = AddKeyTag | RemoveKeyTag | BatchKeyTags;

/** A key whose tags may change: live, not default (KMS.0411), not pending deletion (KMS.0210). */
function taggableKey(state: Keyring, keyId: string, operation: string): LiveCmk {
  const k = liveKey(state, keyId);
  if (k.isDefault) {
    throw new DewError('KMS.0411', `tags are not allowed on default master key ${k.alias} (${k.keyId})`);
  }
  refusePendingDeletion(k, operation);
  return k;
}

/** Tags `set` would leave on the key, and the event if anything changes. */
function setTags(k: LiveCmk, set: readonly KeyTag[], now: number): KeyringEvent[] {
  const current = new Map(k.tags.map((t) => [t.key, t.value]));
  const changed = set.filter((t) => current.get(t.key) !== t.value);
  if (changed.length === 0) return [];
  const added = changed.filter((t) => !current.has(t.key)).length;
  const total = k.tags.length + added;
  if (total > TAGS_PER_KEY_MAX) {
    throw new DewError(
      'KMS.0413',
      `at most ${TAGS_PER_KEY_MAX} tags per key: key ${k.keyId} has ${k.tags.length}, adding ${added} would make ${total}`,
    );
  }
  return [{ type: 'KeyTagsChanged', keyId: k.keyId, set: changed, removed: [], at: now }];
}

export function addKeyTag(state: Keyring, cmd: AddKeyTag): KeyringEvent[] {
  const tag = validateTag(cmd.tag);
  const k = taggableKey(state, cmd.keyId, 'adding a tag');
  return setTags(k, [tag], cmd.now);
}

export function removeKeyTag(state: Keyring, cmd: RemoveKeyTag): KeyringEvent[] {
  const k = taggableKey(state, cmd.keyId, 'deleting a tag');
  if (!k.tags.some((t) => t.key === cmd.tagKey)) {
    throw new DewError('KMS.0410', `key ${k.keyId} has no tag ${quote(cmd.tagKey)}`);
  }
  return [{ type: 'KeyTagsChanged', keyId: k.keyId, set: [], removed: [cmd.tagKey], at: cmd.now }];
}

export function batchKeyTags(state: Keyring, cmd: BatchKeyTags): KeyringEvent[] {
  if (cmd.action !== 'create' && cmd.action !== 'delete') {
    throw new DewError('KMS.0404', `action must be create or delete, got ${quote(cmd.action)}`);
  }
  if (cmd.tags.length === 0) throw new DewError('KMS.0401', 'tags must not be empty');
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

// ---- queries -------------------------------------------------------------------------------

export interface ProjectTag {
  readonly key: string;
  readonly values: readonly string[];
}

/** GET `tags`: every tag key of the project's live non-default keys with its distinct values, sorted. */
export function projectTags(state: Keyring): ProjectTag[] {
  return collectTags(activeKeys(state).filter((k) => !k.isDefault).map((k) => k.tags));
}

export interface TagFilter {
  readonly key: string;
  /** Any of these values; empty → the key with any value. */
  readonly values: readonly string[];
}
export interface TagMatch {
  /** Only `resource_name` (the alias, substring match). */
  readonly key: string;
  readonly value: string;
}
export interface FindByTagsQuery {
  readonly tags?: readonly TagFilter[];
  readonly matches?: readonly TagMatch[];
  /** ≥ 0, default 0. */
  readonly offset?: number;
  /** 1..1000, default 10. */
  readonly limit?: number;
}
export interface FindByTagsResult {
  readonly keys: readonly LiveCmk[];
  /** All matching keys, every page together (the `count` action's answer). */
  readonly total: number;
}

function validateFilters(tags: readonly TagFilter[]): readonly TagFilter[] {
  if (tags.length > TAG_SEARCH_TAGS_MAX) {
    throw new DewError('KMS.0413', `at most ${TAG_SEARCH_TAGS_MAX} tags per search, got ${tags.length}`);
  }
  const seen = new Set<string>();
  return tags.map((f, i) => {
    const key = validateTag({ key: f.key }, `tags[${i}]`).key;
    if (seen.has(key)) throw new DewError('KMS.0409', `tags[${i}].key ${quote(key)} appears twice`);
    seen.add(key);
    f.values.forEach((value, j) => validateTag({ key, value }, `tags[${i}].values[${j}]`));
    return f;
  });
}

function validateMatches(matches: readonly TagMatch[]): string[] {
  return matches.map((m, i) => {
    if (m.key !== 'resource_name') {
      throw new DewError('KMS.0415', `matches[${i}].key must be resource_name, got ${quote(m.key)}`);
    }
    return m.value;
  });
}

/**
 * resource_instances/action: live non-default keys carrying every filtered tag key (AND) with
 * one of its values (any-of; no values → any), whose alias contains every match value;
 * creation order.
 */
export function findByTags(state: Keyring, query: FindByTagsQuery): FindByTagsResult {
  const filters = validateFilters(query.tags ?? []);
  const names = validateMatches(query.matches ?? []);
  const offset = query.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) {
    throw new DewError('KMS.0417', `offset must be an integer of at least 0, got ${offset}`);
  }
  const limit = query.limit ?? TAG_SEARCH_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX) {
    throw new DewError('KMS.1601', `limit must be 1..${LIST_LIMIT_MAX}, got ${limit}`);
  }
  const matching = activeKeys(state)
    .filter((k) => !k.isDefault && matchesTags(k.tags, k.alias, filters, names))
    .sort(byCreation);
  return { keys: matching.slice(offset, offset + limit), total: matching.length };
}
