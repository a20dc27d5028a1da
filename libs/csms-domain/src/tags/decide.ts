import type { Instant } from '@dew/decider';
import { InvalidField, SecretTagLimitReached, TagNotOnSecret, quote } from '@dew/contracts';
import { assertNever } from '@dew/decider';
import { TAGS_PER_SECRET_MAX, validateSecretTag, validateSecretTags, type SecretTagInput } from '../rules/tag-fields.js';
import { refusePendingDeletion, requireSecretById } from '../state/queries.js';
import type { Secret, SecretSet, SecretTag } from '../state/secret-set.js';
import type { SecretTagsChanged } from './events.js';

/** Tags on secrets, addressed by secret id. */

export interface AddSecretTag {
  readonly type: 'AddSecretTag';
  readonly secretId: string;
  /** An existing tag key gets the new value: one value per key. */
  readonly tag: SecretTagInput;
  readonly now: Instant;
}
export interface RemoveSecretTag {
  readonly type: 'RemoveSecretTag';
  readonly secretId: string;
  readonly tagKey: string;
  readonly now: Instant;
}
/** `{secret_id}/tags/action`. Delete removes by tag key and ignores keys the secret does not carry. */
export interface BatchSecretTags {
  readonly type: 'BatchSecretTags';
  readonly secretId: string;
  readonly action: string;
  readonly tags: readonly SecretTagInput[];
  readonly now: Instant;
}

export type SecretTagCommand = AddSecretTag | RemoveSecretTag | BatchSecretTags;

function taggable(state: SecretSet, secretId: string, operation: string): Secret {
  const s = requireSecretById(state, secretId);
  refusePendingDeletion(s, operation);
  return s;
}

function setTags(s: Secret, set: readonly SecretTag[], now: Instant): SecretTagsChanged[] {
  const current = new Map(s.tags.map((t) => [t.key, t.value]));
  const changed = set.filter((t) => current.get(t.key) !== t.value);
  if (changed.length === 0) return [];
  const added = changed.filter((t) => !current.has(t.key)).length;
  if (s.tags.length + added > TAGS_PER_SECRET_MAX) throw SecretTagLimitReached(TAGS_PER_SECRET_MAX, s.name, s.tags.length, added);
  return [{ type: 'SecretTagsChanged', secretId: s.id, set: changed, removed: [], at: now }];
}

function addSecretTag(state: SecretSet, cmd: AddSecretTag): SecretTagsChanged[] {
  const tag = validateSecretTag(cmd.tag);
  const s = taggable(state, cmd.secretId, 'adding a tag');
  return setTags(s, [tag], cmd.now);
}

function removeSecretTag(state: SecretSet, cmd: RemoveSecretTag): SecretTagsChanged[] {
  const s = taggable(state, cmd.secretId, 'deleting a tag');
  if (!s.tags.some((t) => t.key === cmd.tagKey)) throw TagNotOnSecret(s.name, cmd.tagKey);
  return [{ type: 'SecretTagsChanged', secretId: s.id, set: [], removed: [cmd.tagKey], at: cmd.now }];
}

function batchSecretTags(state: SecretSet, cmd: BatchSecretTags): SecretTagsChanged[] {
  if (cmd.action !== 'create' && cmd.action !== 'delete') throw InvalidField('action', 'be create or delete', quote(cmd.action));
  if (!Array.isArray(cmd.tags) || cmd.tags.length === 0) throw InvalidField('tags', 'not be empty');
  const tags = validateSecretTags(cmd.tags);
  if (cmd.action === 'create') return setTags(taggable(state, cmd.secretId, 'adding tags'), tags, cmd.now);
  const s = taggable(state, cmd.secretId, 'deleting tags');
  const removed = tags.map((t) => t.key).filter((key) => s.tags.some((t) => t.key === key));
  if (removed.length === 0) return [];
  return [{ type: 'SecretTagsChanged', secretId: s.id, set: [], removed, at: cmd.now }];
}

export function decideTags(state: SecretSet, command: SecretTagCommand): readonly SecretTagsChanged[] {
  switch (command.type) {
    case 'AddSecretTag':
      return addSecretTag(state, command);
    case 'RemoveSecretTag':
      return removeSecretTag(state, command);
    case 'BatchSecretTags':
      return batchSecretTags(state, command);
    default:
      return assertNever(command);
  }
}
