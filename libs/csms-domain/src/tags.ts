import { DewError } from '@dew/contracts';
import { activeSecrets, refusePendingDeletion, requireSecretById } from './queries.js';
import {
  TAGS_PER_SECRET_MAX,
  validateSecretTag,
  validateSecretTags,
  type SecretTag,
  type SecretTagInput,
} from './rules.js';
import type { Secret, SecretEvent, SecretSet } from './secrets.js';
import { collectTags, matchesTags, quote } from '@dew/contracts';

/** Tags on secrets (addressed by secret id) and the project-wide tag queries. */

export const TAG_SEARCH_TAGS_MAX = 10;
export const TAG_SEARCH_VALUES_MAX = 10;
export const TAG_SEARCH_LIMIT_DEFAULT = 10;
export const TAG_SEARCH_LIMIT_MAX = 1000;

export interface AddSecretTag {
  readonly type: 'AddSecretTag';
  readonly secretId: string;
  /** An existing tag key gets the new value: one value per key. */
  readonly tag: SecretTagInput;
  readonly now: number;
}
export interface RemoveSecretTag {
  readonly type: 'RemoveSecretTag';
  readonly secretId: string;
  readonly tagKey: string;
  readonly now: number;
}
/** `{secret_id}/tags/action`. Delete removes by tag key and ignores keys the secret does not carry. */
export interface BatchSecretTags {
  readonly type: 'BatchSecretTags';
  readonly secretId: string;
  readonly action: string;
  readonly tags: readonly SecretTagInput[];
  readonly now: number;
}

export type SecretTagCommand = AddSecretTag | RemoveSecretTag | BatchSecretTags;

function taggable(state: SecretSet, secretId: string, operation: string): Secret {
  const s = requireSecretById(state, secretId);
  refusePendingDeletion(s, operation);
  return s;
}

function setTags(s: Secret, set: readonly SecretTag[], now: number): SecretEvent[] {
  const current = new Map(s.tags.map((t) => [t.key, t.value]));
  const changed = set.filter((t) => current.get(t.key) !== t.value);
  if (changed.length === 0) return [];
  const added = changed.filter((t) => !current.has(t.key)).length;
  const total = s.tags.length + added;
  if (total > TAGS_PER_SECRET_MAX) {
    throw new DewError(
      'CSMS.0002',
      `tag limit of ${TAGS_PER_SECRET_MAX} per secret: secret ${quote(s.name)} has ${s.tags.length}, adding ${added} would make ${total}`,
    );
  }
  return [{ type: 'SecretTagsChanged', secretId: s.id, set: changed, removed: [], at: now }];
}

export function addSecretTag(state: SecretSet, cmd: AddSecretTag): SecretEvent[] {
  const tag = validateSecretTag(cmd.tag);
  const s = taggable(state, cmd.secretId, 'adding a tag');
  return setTags(s, [tag], cmd.now);
}

export function removeSecretTag(state: SecretSet, cmd: RemoveSecretTag): SecretEvent[] {
  const s = taggable(state, cmd.secretId, 'deleting a tag');
  if (!s.tags.some((t) => t.key === cmd.tagKey)) {
    throw new DewError('CSMS.0005', `secret ${quote(s.name)} has no tag ${quote(cmd.tagKey)}`);
  }
  return [{ type: 'SecretTagsChanged', secretId: s.id, set: [], removed: [cmd.tagKey], at: cmd.now }];
}

export function batchSecretTags(state: SecretSet, cmd: BatchSecretTags): SecretEvent[] {
  if (cmd.action !== 'create' && cmd.action !== 'delete') {
    throw new DewError('CSMS.0002', `action must be create or delete, got ${quote(cmd.action)}`);
  }
  if (!Array.isArray(cmd.tags) || cmd.tags.length === 0) throw new DewError('CSMS.0002', 'tags must not be empty');
  const tags = validateSecretTags(cmd.tags);
  if (cmd.action === 'create') {
    return setTags(taggable(state, cmd.secretId, 'adding tags'), tags, cmd.now);
  }
  const s = taggable(state, cmd.secretId, 'deleting tags');
  const removed = tags.map((t) => t.key).filter((key) => s.tags.some((t) => t.key === key));
  if (removed.length === 0) return [];
  return [{ type: 'SecretTagsChanged', secretId: s.id, set: [], removed, at: cmd.now }];
}

// ---- queries -------------------------------------------------------------------------------

export interface ProjectSecretTag {
  readonly key: string;
  readonly values: readonly string[];
}

/** GET `csms/tags`: every tag key of the project's non-deleted secrets with its distinct values, sorted. */
export function projectSecretTags(state: SecretSet): ProjectSecretTag[] {
  return collectTags(activeSecrets(state).map((s) => s.tags));
}

export interface SecretTagFilter {
  readonly key: string;
  /** Any of these values; empty → the key with any value. */
  readonly values: readonly string[];
}
export interface SecretTagMatch {
  /** Only `resource_name` (the secret name, substring match). */
  readonly key: string;
  readonly value: string;
}
export interface FindSecretsByTagsQuery {
  readonly tags?: readonly SecretTagFilter[];
  readonly matches?: readonly SecretTagMatch[];
  /** ≥ 0, default 0. */
  readonly offset?: number;
  /** 1..1000, default 10. */
  readonly limit?: number;
}
export interface FindSecretsByTagsResult {
  readonly secrets: readonly Secret[];
  /** All matching secrets, every page together (the `count` action's answer). */
  readonly total: number;
}

function validateFilters(tags: readonly SecretTagFilter[]): readonly SecretTagFilter[] {
  if (!Array.isArray(tags)) throw new DewError('CSMS.0002', 'tags must be an array');
  if (tags.length > TAG_SEARCH_TAGS_MAX) {
    throw new DewError('CSMS.0002', `at most ${TAG_SEARCH_TAGS_MAX} tags per search, got ${tags.length}`);
  }
  const seen = new Set<string>();
  return tags.map((f, i) => {
    const key = validateSecretTag({ key: f.key }, `tags[${i}]`).key;
    if (seen.has(key)) throw new DewError('CSMS.0002', `tags[${i}].key ${quote(key)} appears twice`);
    seen.add(key);
    const values = f.values ?? [];
    if (!Array.isArray(values) || values.length > TAG_SEARCH_VALUES_MAX) {
      throw new DewError('CSMS.0002', `tags[${i}].values must hold at most ${TAG_SEARCH_VALUES_MAX} values`);
    }
    values.forEach((value, j) => validateSecretTag({ key, value }, `tags[${i}].values[${j}]`));
    return { key, values };
  });
}

function validateMatches(matches: readonly SecretTagMatch[]): string[] {
  return matches.map((m, i) => {
    if (m.key !== 'resource_name') {
      throw new DewError('CSMS.0002', `matches[${i}].key must be resource_name, got ${quote(m.key)}`);
    }
    return m.value;
  });
}

/**
 * resource_instances/action: non-deleted secrets carrying every filtered tag key (AND) with one
 * of its values (any-of; no values → any), whose name contains every match value; creation order.
 */
export function findSecretsByTags(state: SecretSet, query: FindSecretsByTagsQuery): FindSecretsByTagsResult {
  const filters = validateFilters(query.tags ?? []);
  const names = validateMatches(query.matches ?? []);
  const offset = query.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) {
    throw new DewError('CSMS.0002', `offset must be an integer of at least 0, got ${quote(offset)}`);
  }
  const limit = query.limit ?? TAG_SEARCH_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > TAG_SEARCH_LIMIT_MAX) {
    throw new DewError('CSMS.0002', `limit must be an integer 1..${TAG_SEARCH_LIMIT_MAX}, got ${quote(limit)}`);
  }
  const matching = activeSecrets(state).filter((s) => matchesTags(s.tags, s.name, filters, names));
  return { secrets: matching.slice(offset, offset + limit), total: matching.length };
}
