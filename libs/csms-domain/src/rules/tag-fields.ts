import { DuplicateTagKey, ForbiddenCharacter, InvalidField, TooManySecretTags, charLength, firstBadChar } from '@dew/contracts';
import type { SecretTag } from '../state/secret-set.js';

/** Tag field rules (docs/api-decisions.md, "Tags"). */

export const TAGS_PER_SECRET_MAX = 10;
export const TAG_KEY_MAX = 36;
export const TAG_VALUE_MAX = 43;

const TAG_CHAR = /^[\p{L}0-9_-]$/u;
const TAG_CHARS = 'letters, digits, _ and -';

/** A tag as a request may carry it: an absent value is the empty value. */
export interface SecretTagInput {
  readonly key: string;
  readonly value?: string;
}

/** One tag; `where` names it in messages, e.g. `tags[3]`. */
export function validateSecretTag(tag: SecretTagInput, where = 'tag'): SecretTag {
  if (typeof tag !== 'object' || tag === null || typeof tag.key !== 'string') throw InvalidField(`${where}.key`, 'be a string');
  const value = tag.value ?? '';
  if (typeof value !== 'string') throw InvalidField(`${where}.value`, 'be a string');
  const keyLength = charLength(tag.key);
  if (keyLength < 1 || keyLength > TAG_KEY_MAX) throw InvalidField(`${where}.key`, `be 1..${TAG_KEY_MAX} characters`, keyLength);
  const badKey = firstBadChar(tag.key, TAG_CHAR);
  if (badKey) throw ForbiddenCharacter(`${where}.key`, TAG_CHARS, badKey);
  const valueLength = charLength(value);
  if (valueLength > TAG_VALUE_MAX) throw InvalidField(`${where}.value`, `be 0..${TAG_VALUE_MAX} characters`, valueLength);
  const badValue = firstBadChar(value, TAG_CHAR);
  if (badValue) throw ForbiddenCharacter(`${where}.value`, TAG_CHARS, badValue);
  return { key: tag.key, value };
}

/** A list of tags: ≤10, each valid, one value per key. */
export function validateSecretTags(tags: readonly SecretTagInput[]): readonly SecretTag[] {
  if (!Array.isArray(tags)) throw InvalidField('tags', 'be an array');
  if (tags.length > TAGS_PER_SECRET_MAX) throw TooManySecretTags(TAGS_PER_SECRET_MAX, tags.length);
  const seen = new Map<string, number>();
  return tags.map((tag, i) => {
    const ok = validateSecretTag(tag, `tags[${i}]`);
    const first = seen.get(ok.key);
    if (first !== undefined) throw DuplicateTagKey(i, ok.key, first);
    seen.set(ok.key, i);
    return ok;
  });
}
