import {
  DescriptionTooLong,
  FieldBadCharacter,
  FieldLengthOutOfRange,
  InvalidAlias,
  InvalidKmsParameter,
  PendingDaysOutOfRange,
  TagKeyBadCharacter,
  TagKeyDuplicated,
  TagKeyLengthOutOfRange,
  TagValueBadCharacter,
  TagValueTooLong,
  TooManyTags,
  charLength,
  firstBadChar,
  quote,
} from '@dew/contracts';

/** Field rules of keys (docs/api-decisions.md). Each returns the accepted value or throws a named KMS refusal. */

export const ALIAS_MAX = 255;
export const DEFAULT_ALIAS_SUFFIX = '/default';
export const DESCRIPTION_MAX = 255;
export const TAGS_PER_KEY_MAX = 20;
export const TAG_KEY_MAX = 36;
export const TAG_VALUE_MAX = 43;
export const PENDING_DAYS_MIN = 7;
export const PENDING_DAYS_MAX = 1096;
export const ENTERPRISE_PROJECT_ID_MAX = 36;
export const DEFAULT_ENTERPRISE_PROJECT_ID = '0';
export const SERVICE_NAME_MAX = 64;

const ALIAS_CHAR = /^[A-Za-z0-9_:/-]$/;
const TAG_CHAR = /^[A-Za-z0-9_-]$/;
const EP_CHAR = /^[A-Za-z0-9-]$/;

export interface KeyTag {
  readonly key: string;
  readonly value: string;
}
/** A tag as a request may carry it: an absent value is the empty value. */
export interface KeyTagInput {
  readonly key: string;
  readonly value?: string;
}

/**
 * `key_alias`: 1–255 of `[A-Za-z0-9_:/-]`; the `/default` suffix belongs to default master keys,
 * so only `forDefaultKey` may carry it.
 */
export function validateAlias(alias: string, opts: { readonly forDefaultKey?: boolean } = {}): string {
  const length = charLength(alias);
  if (length < 1 || length > ALIAS_MAX) {
    throw InvalidAlias(`must be 1..${ALIAS_MAX} characters, got ${length}`);
  }
  const bad = firstBadChar(alias, ALIAS_CHAR);
  if (bad) {
    throw InvalidAlias(`may contain only A-Z a-z 0-9 _ : / -, got ${quote(bad.char)} at position ${bad.position}`);
  }
  if (!opts.forDefaultKey && alias.endsWith(DEFAULT_ALIAS_SUFFIX)) {
    throw InvalidAlias(`must not end with ${DEFAULT_ALIAS_SUFFIX} (reserved for default master keys), got ${quote(alias)}`);
  }
  return alias;
}

export function validateDescription(description: string): string {
  const length = charLength(description);
  if (length > DESCRIPTION_MAX) {
    throw DescriptionTooLong(DESCRIPTION_MAX, length);
  }
  return description;
}

/** One tag; `where` names it in messages, e.g. `tags[3]`. */
export function validateTag(tag: KeyTagInput, where = 'tag'): KeyTag {
  const value = tag.value ?? '';
  const keyLength = charLength(tag.key);
  if (keyLength < 1 || keyLength > TAG_KEY_MAX) {
    throw TagKeyLengthOutOfRange(where, TAG_KEY_MAX, keyLength);
  }
  const badKey = firstBadChar(tag.key, TAG_CHAR);
  if (badKey) {
    throw TagKeyBadCharacter(where, badKey.char, badKey.position);
  }
  const valueLength = charLength(value);
  if (valueLength > TAG_VALUE_MAX) {
    throw TagValueTooLong(where, TAG_VALUE_MAX, valueLength);
  }
  const badValue = firstBadChar(value, TAG_CHAR);
  if (badValue) {
    throw TagValueBadCharacter(where, badValue.char, badValue.position);
  }
  return { key: tag.key, value };
}

/** A key's whole tag list: ≤20 tags, each valid, one value per tag key. */
export function validateTags(tags: readonly KeyTagInput[]): readonly KeyTag[] {
  if (tags.length > TAGS_PER_KEY_MAX) {
    throw TooManyTags(`at most ${TAGS_PER_KEY_MAX} tags per key, got ${tags.length}`);
  }
  const seen = new Map<string, number>();
  return tags.map((tag, i) => {
    const ok = validateTag(tag, `tags[${i}]`);
    const first = seen.get(ok.key);
    if (first !== undefined) {
      throw TagKeyDuplicated(`tags[${i}].key ${quote(ok.key)} duplicates tags[${first}].key`);
    }
    seen.set(ok.key, i);
    return ok;
  });
}

export function validatePendingDays(days: number): number {
  if (!Number.isInteger(days) || days < PENDING_DAYS_MIN || days > PENDING_DAYS_MAX) {
    throw PendingDaysOutOfRange(PENDING_DAYS_MIN, PENDING_DAYS_MAX, days);
  }
  return days;
}

/** Absent → "0" (the default enterprise project). */
export function validateEnterpriseProjectId(id: string | undefined): string {
  if (id === undefined) return DEFAULT_ENTERPRISE_PROJECT_ID;
  const length = charLength(id);
  if (length < 1 || length > ENTERPRISE_PROJECT_ID_MAX) {
    throw FieldLengthOutOfRange('enterprise_project_id', 1, ENTERPRISE_PROJECT_ID_MAX, length);
  }
  const bad = firstBadChar(id, EP_CHAR);
  if (bad) {
    throw FieldBadCharacter('enterprise_project_id', 'A-Z a-z 0-9 -', bad.char, bad.position);
  }
  return id;
}

/** The service part of a default key's alias (`csms` in `csms/default`). */
export function validateServiceName(service: string): string {
  const length = charLength(service);
  const bad = firstBadChar(service, TAG_CHAR);
  if (length < 1 || length > SERVICE_NAME_MAX || bad) {
    throw InvalidKmsParameter(`service must be 1..${SERVICE_NAME_MAX} characters of A-Z a-z 0-9 _ -, got ${quote(service)}`);
  }
  return service;
}

export function defaultAliasOf(service: string): string {
  return `${validateServiceName(service)}${DEFAULT_ALIAS_SUFFIX}`;
}
