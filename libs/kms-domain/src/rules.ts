import { DewError } from '@dew/contracts';
import { charLength, firstBadChar, quote } from '@dew/contracts';

/** Field rules of keys (docs/api-decisions.md). Each returns the accepted value or throws DewError. */

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
    throw new DewError('KMS.1101', `key_alias must be 1..${ALIAS_MAX} characters, got ${length}`);
  }
  const bad = firstBadChar(alias, ALIAS_CHAR);
  if (bad) {
    throw new DewError(
      'KMS.1101',
      `key_alias may contain only A-Z a-z 0-9 _ : / -, got ${quote(bad.char)} at position ${bad.position}`,
    );
  }
  if (!opts.forDefaultKey && alias.endsWith(DEFAULT_ALIAS_SUFFIX)) {
    throw new DewError(
      'KMS.1101',
      `key_alias must not end with ${DEFAULT_ALIAS_SUFFIX} (reserved for default master keys), got ${quote(alias)}`,
    );
  }
  return alias;
}

export function validateDescription(description: string): string {
  const length = charLength(description);
  if (length > DESCRIPTION_MAX) {
    throw new DewError('KMS.1103', `key_description must be at most ${DESCRIPTION_MAX} characters, got ${length}`);
  }
  return description;
}

/** One tag; `where` names it in messages, e.g. `tags[3]`. */
export function validateTag(tag: KeyTagInput, where = 'tag'): KeyTag {
  const value = tag.value ?? '';
  const keyLength = charLength(tag.key);
  if (keyLength < 1 || keyLength > TAG_KEY_MAX) {
    throw new DewError('KMS.0407', `${where}.key must be 1..${TAG_KEY_MAX} characters, got ${keyLength}`);
  }
  const badKey = firstBadChar(tag.key, TAG_CHAR);
  if (badKey) {
    throw new DewError(
      'KMS.0405',
      `${where}.key may contain only A-Z a-z 0-9 _ -, got ${quote(badKey.char)} at position ${badKey.position}`,
    );
  }
  const valueLength = charLength(value);
  if (valueLength > TAG_VALUE_MAX) {
    throw new DewError('KMS.0408', `${where}.value must be 0..${TAG_VALUE_MAX} characters, got ${valueLength}`);
  }
  const badValue = firstBadChar(value, TAG_CHAR);
  if (badValue) {
    throw new DewError(
      'KMS.0406',
      `${where}.value may contain only A-Z a-z 0-9 _ -, got ${quote(badValue.char)} at position ${badValue.position}`,
    );
  }
  return { key: tag.key, value };
}

/** A key's whole tag list: ≤20 tags, each valid, one value per tag key. */
export function validateTags(tags: readonly KeyTagInput[]): readonly KeyTag[] {
  if (tags.length > TAGS_PER_KEY_MAX) {
    throw new DewError('KMS.0413', `at most ${TAGS_PER_KEY_MAX} tags per key, got ${tags.length}`);
  }
  const seen = new Map<string, number>();
  return tags.map((tag, i) => {
    const ok = validateTag(tag, `tags[${i}]`);
    const first = seen.get(ok.key);
    if (first !== undefined) {
      throw new DewError('KMS.0409', `tags[${i}].key ${quote(ok.key)} duplicates tags[${first}].key`);
    }
    seen.set(ok.key, i);
    return ok;
  });
}

export function validatePendingDays(days: number): number {
  if (!Number.isInteger(days) || days < PENDING_DAYS_MIN || days > PENDING_DAYS_MAX) {
    throw new DewError('KMS.1401', `pending_days must be ${PENDING_DAYS_MIN}..${PENDING_DAYS_MAX}, got ${days}`);
  }
  return days;
}

/** Absent → "0" (the default enterprise project). */
export function validateEnterpriseProjectId(id: string | undefined): string {
  if (id === undefined) return DEFAULT_ENTERPRISE_PROJECT_ID;
  const length = charLength(id);
  if (length < 1 || length > ENTERPRISE_PROJECT_ID_MAX) {
    throw new DewError(
      'KMS.0308',
      `enterprise_project_id must be 1..${ENTERPRISE_PROJECT_ID_MAX} characters, got ${length}`,
    );
  }
  const bad = firstBadChar(id, EP_CHAR);
  if (bad) {
    throw new DewError(
      'KMS.0308',
      `enterprise_project_id may contain only A-Z a-z 0-9 -, got ${quote(bad.char)} at position ${bad.position}`,
    );
  }
  return id;
}

/** The service part of a default key's alias (`csms` in `csms/default`). */
export function validateServiceName(service: string): string {
  const length = charLength(service);
  const bad = firstBadChar(service, TAG_CHAR);
  if (length < 1 || length > SERVICE_NAME_MAX || bad) {
    throw new DewError(
      'KMS.0308',
      `service must be 1..${SERVICE_NAME_MAX} characters of A-Z a-z 0-9 _ -, got ${quote(service)}`,
    );
  }
  return service;
}

export function defaultAliasOf(service: string): string {
  return `${validateServiceName(service)}${DEFAULT_ALIAS_SUFFIX}`;
}
