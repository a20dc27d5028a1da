import { DewError } from '@dew/contracts';
import { charLength, firstBadChar, quote, utf8Length } from '@dew/contracts';

/** Field rules of secrets (docs/api-decisions.md). Each returns the accepted value or throws DewError. */

export const DAY_MS = 86_400_000;
/** Secrets per project (Deleted ones excluded). */
export const SECRET_QUOTA = 200;
export const SECRET_NAME_MAX = 64;
export const DESCRIPTION_MAX_BYTES = 2048;
export const RECOVERY_DAYS_MIN = 7;
export const RECOVERY_DAYS_MAX = 30;
export const RECOVERY_DAYS_DEFAULT = 30;
export const SECRET_TYPES = ['COMMON', 'RDS-FG', 'GaussDB-FG'] as const;
export type SecretType = (typeof SECRET_TYPES)[number];
export const DEFAULT_SECRET_TYPE: SecretType = 'COMMON';
/** docs/api-decisions.md, "Tags". */
export const TAGS_PER_SECRET_MAX = 10;
export const TAG_KEY_MAX = 36;
export const TAG_VALUE_MAX = 43;

const NAME_CHAR = /^[a-zA-Z0-9_.-]$/;
const TAG_CHAR = /^[\p{L}0-9_-]$/u;

export interface SecretTag {
  readonly key: string;
  readonly value: string;
}
/** A tag as a request may carry it: an absent value is the empty value. */
export interface SecretTagInput {
  readonly key: string;
  readonly value?: string;
}

/** `name`: `^[a-zA-Z0-9_.-]{1,64}$`. */
export function validateSecretName(name: string): string {
  if (typeof name !== 'string') throw new DewError('CSMS.0002', 'name must be a string');
  const length = charLength(name);
  if (length < 1 || length > SECRET_NAME_MAX) {
    throw new DewError('CSMS.0002', `name must be 1..${SECRET_NAME_MAX} characters of [a-zA-Z0-9_.-], got ${length}`);
  }
  const bad = firstBadChar(name, NAME_CHAR);
  if (bad) {
    throw new DewError(
      'CSMS.0002',
      `name may contain only a-z A-Z 0-9 _ . -, got ${quote(bad.char)} at position ${bad.position}`,
    );
  }
  return name;
}

/** `description`: at most 2048 UTF-8 bytes. */
export function validateSecretDescription(description: string): string {
  if (typeof description !== 'string') throw new DewError('CSMS.0002', 'description must be a string');
  const bytes = utf8Length(description);
  if (bytes > DESCRIPTION_MAX_BYTES) {
    throw new DewError('CSMS.0002', `description must be at most ${DESCRIPTION_MAX_BYTES} bytes, got ${bytes}`);
  }
  return description;
}

export function validateSecretType(secretType: string | undefined): SecretType {
  if (secretType === undefined) return DEFAULT_SECRET_TYPE;
  const found = SECRET_TYPES.find((t) => t === secretType);
  if (!found) throw new DewError('CSMS.0002', `secret_type must be one of ${SECRET_TYPES.join(', ')}, got ${quote(secretType)}`);
  return found;
}

export function validateKmsKeyId(kmsKeyId: string): string {
  if (typeof kmsKeyId !== 'string' || kmsKeyId.length === 0 || kmsKeyId.length > 128) {
    throw new DewError('CSMS.0002', `kms_key_id must be 1..128 characters, got ${quote(kmsKeyId)}`);
  }
  return kmsKeyId;
}

/** `recovery_window_in_days`: integer 7..30. */
export function validateRecoveryDays(days: number): number {
  if (!Number.isInteger(days) || days < RECOVERY_DAYS_MIN || days > RECOVERY_DAYS_MAX) {
    throw new DewError(
      'CSMS.0002',
      `recovery_window_in_days must be an integer ${RECOVERY_DAYS_MIN}..${RECOVERY_DAYS_MAX}, got ${quote(days)}`,
    );
  }
  return days;
}

/** `expire_time` (ms): an integer later than now; null = never. */
export function validateExpireTime(expireTime: number | null | undefined, now: number): number | null {
  if (expireTime === undefined || expireTime === null) return null;
  if (!Number.isSafeInteger(expireTime) || expireTime <= now) {
    throw new DewError('CSMS.0002', `expire_time must be a time in the future, got ${quote(expireTime)}`);
  }
  return expireTime;
}

/** One tag; `where` names it in messages, e.g. `tags[3]`. */
export function validateSecretTag(tag: SecretTagInput, where = 'tag'): SecretTag {
  if (typeof tag !== 'object' || tag === null || typeof tag.key !== 'string') {
    throw new DewError('CSMS.0002', `${where}.key must be a string`);
  }
  const value = tag.value ?? '';
  if (typeof value !== 'string') throw new DewError('CSMS.0002', `${where}.value must be a string`);
  const keyLength = charLength(tag.key);
  if (keyLength < 1 || keyLength > TAG_KEY_MAX) {
    throw new DewError('CSMS.0002', `${where}.key must be 1..${TAG_KEY_MAX} characters, got ${keyLength}`);
  }
  const badKey = firstBadChar(tag.key, TAG_CHAR);
  if (badKey) {
    throw new DewError(
      'CSMS.0002',
      `${where}.key may contain only letters, digits, _ and -, got ${quote(badKey.char)} at position ${badKey.position}`,
    );
  }
  const valueLength = charLength(value);
  if (valueLength > TAG_VALUE_MAX) {
    throw new DewError('CSMS.0002', `${where}.value must be 0..${TAG_VALUE_MAX} characters, got ${valueLength}`);
  }
  const badValue = firstBadChar(value, TAG_CHAR);
  if (badValue) {
    throw new DewError(
      'CSMS.0002',
      `${where}.value may contain only letters, digits, _ and -, got ${quote(badValue.char)} at position ${badValue.position}`,
    );
  }
  return { key: tag.key, value };
}

/** A list of tags: ≤10, each valid, one value per key. */
export function validateSecretTags(tags: readonly SecretTagInput[]): readonly SecretTag[] {
  if (!Array.isArray(tags)) throw new DewError('CSMS.0002', 'tags must be an array');
  if (tags.length > TAGS_PER_SECRET_MAX) {
    throw new DewError('CSMS.0002', `tag limit of ${TAGS_PER_SECRET_MAX} per secret: got ${tags.length} tags`);
  }
  const seen = new Map<string, number>();
  return tags.map((tag, i) => {
    const ok = validateSecretTag(tag, `tags[${i}]`);
    const first = seen.get(ok.key);
    if (first !== undefined) {
      throw new DewError('CSMS.0002', `tags[${i}].key ${quote(ok.key)} duplicates tags[${first}].key`);
    }
    seen.set(ok.key, i);
    return ok;
  });
}

/** The secret's KMS key cannot be used (the service knows the key's state; docs/api-decisions.md, "Status and error codes"). */
export function keyUnusable(kmsKeyId: string, keyState: string): DewError {
  return new DewError('CSMS.1004', `KMS key ${kmsKeyId} of this secret cannot be used: it is ${keyState}`);
}
