import type { Instant } from '@dew/decider';
import { ForbiddenCharacter, InvalidField, SealedValueEmpty, charLength, firstBadChar, quote, utf8Length } from '@dew/contracts';
import type { EncryptedValue } from '../state/secret-set.js';

/** Field rules of secrets (docs/api-decisions.md). Each returns the accepted value or throws a CSMS refusal. */

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

const NAME_CHAR = /^[a-zA-Z0-9_.-]$/;

/** `name`: `^[a-zA-Z0-9_.-]{1,64}$`. */
export function validateSecretName(name: string): string {
  if (typeof name !== 'string') throw InvalidField('name', 'be a string');
  const length = charLength(name);
  if (length < 1 || length > SECRET_NAME_MAX) {
    throw InvalidField('name', `be 1..${SECRET_NAME_MAX} characters of [a-zA-Z0-9_.-]`, length);
  }
  const bad = firstBadChar(name, NAME_CHAR);
  if (bad) throw ForbiddenCharacter('name', 'a-z A-Z 0-9 _ . -', bad);
  return name;
}

/** `description`: at most 2048 UTF-8 bytes. */
export function validateSecretDescription(description: string): string {
  if (typeof description !== 'string') throw InvalidField('description', 'be a string');
  const bytes = utf8Length(description);
  if (bytes > DESCRIPTION_MAX_BYTES) throw InvalidField('description', `be at most ${DESCRIPTION_MAX_BYTES} bytes`, bytes);
  return description;
}

export function validateSecretType(secretType: string | undefined): SecretType {
  if (secretType === undefined) return DEFAULT_SECRET_TYPE;
  const found = SECRET_TYPES.find((t) => t === secretType);
  if (!found) throw InvalidField('secret_type', `be one of ${SECRET_TYPES.join(', ')}`, quote(secretType));
  return found;
}

export function validateKmsKeyId(kmsKeyId: string): string {
  if (typeof kmsKeyId !== 'string' || kmsKeyId.length === 0 || kmsKeyId.length > 128) {
    throw InvalidField('kms_key_id', 'be 1..128 characters', quote(kmsKeyId));
  }
  return kmsKeyId;
}

/** `recovery_window_in_days`: integer 7..30. */
export function validateRecoveryDays(days: number): number {
  if (!Number.isInteger(days) || days < RECOVERY_DAYS_MIN || days > RECOVERY_DAYS_MAX) {
    throw InvalidField('recovery_window_in_days', `be an integer ${RECOVERY_DAYS_MIN}..${RECOVERY_DAYS_MAX}`, quote(days));
  }
  return days;
}

/** `expire_time`: an integer instant later than now; null = never. */
export function validateExpireTime(expireTime: Instant | null | undefined, now: Instant): Instant | null {
  if (expireTime === undefined || expireTime === null) return null;
  if (!Number.isSafeInteger(expireTime) || expireTime <= now) {
    throw InvalidField('expire_time', 'be a time in the future', quote(expireTime));
  }
  return expireTime;
}

/** A value the service sealed: never empty (an empty one is our bug, CSMS.0500), under a valid key id. */
export function validateSealedValue(value: EncryptedValue): void {
  if (typeof value !== 'object' || value === null || typeof value.sealed !== 'string' || value.sealed.length === 0) {
    throw SealedValueEmpty();
  }
  validateKmsKeyId(value.kmsKeyId);
}
