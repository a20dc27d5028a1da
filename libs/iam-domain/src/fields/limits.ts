/**
 * IAM field rules and limits. Each check throws `IAM.0001` naming the field,
 * the limit and what it got; secret-bearing fields (password hash, wrapped SK) are never echoed,
 * and an access key that fails its format is described by its length only.
 */
import {
  AccessKeyMalformed,
  IamControlCharacter,
  IamFieldNotBoolean,
  IamFieldNotString,
  IamFieldTooLong,
  IamIdMalformed,
  IamNameCharacter,
  IamNameLength,
  PasswordHashInvalid,
  UserNameStartsWithDigit,
  WrappedSecretInvalid,
} from '@dew/contracts';

export const NAME_MAX_LENGTH = 64;
export const DESCRIPTION_MAX_LENGTH = 255;
export const ACCESS_KEYS_PER_USER = 2;

const ID = /^[0-9a-f]{32}$/;
const ACCESS_KEY = /^[A-Z0-9]{20}$/;
/** Domain and project names. */
const RESOURCE_NAME_CHAR = /^[A-Za-z0-9_-]$/u;
/** User names: letters, digits, space and `-_.`. */
const USER_NAME_CHAR = /^[A-Za-z0-9_ .-]$/u;

/** A short, quoted rendering of a non-secret value for a refusal message. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function lengthOf(value: string): number {
  return [...value].length;
}

function requireString(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw IamFieldNotString(field, typeof value);
}

/** domain_id, project_id, user_id: 32 lower-case hex characters. */
export function checkId(field: string, value: unknown): void {
  requireString(field, value);
  if (!ID.test(value)) throw IamIdMalformed(field, shown(value));
}

export function checkAccessKey(value: unknown): void {
  requireString('access key', value);
  if (!ACCESS_KEY.test(value)) {
    throw AccessKeyMalformed(lengthOf(value));
  }
}

function checkName(field: string, value: unknown, allowedChar: RegExp, allowed: string): string {
  requireString(field, value);
  const chars = [...value];
  if (chars.length < 1 || chars.length > NAME_MAX_LENGTH) {
    throw IamNameLength(field, NAME_MAX_LENGTH, chars.length);
  }
  const bad = chars.findIndex((c) => !allowedChar.test(c));
  if (bad >= 0) {
    throw IamNameCharacter(field, allowed, shown(chars[bad]), bad + 1);
  }
  return value;
}

/** Domain and project names: 1–64 characters of `[A-Za-z0-9_-]`. */
export function checkResourceName(field: string, value: unknown): void {
  checkName(field, value, RESOURCE_NAME_CHAR, 'letters, digits, "_" and "-"');
}

/** User names: 1–64 characters of letters, digits, space and `-_.`, not starting with a digit. */
export function checkUserName(value: unknown): void {
  const name = checkName('user name', value, USER_NAME_CHAR, 'letters, digits, space, "-", "_" and "."');
  if (/^[0-9]/.test(name)) throw UserNameStartsWithDigit(shown(name));
}

export function checkDescription(value: unknown): void {
  requireString('description', value);
  const length = lengthOf(value);
  if (length > DESCRIPTION_MAX_LENGTH) {
    throw IamFieldTooLong('description', DESCRIPTION_MAX_LENGTH, length, 'characters');
  }
}

/** An opaque hash, or null; never echoed. */
export function checkPasswordHash(value: unknown): void {
  if (value === null) return;
  if (typeof value !== 'string' || value.length === 0) throw PasswordHashInvalid(true);
}

/** The SK wrapped by the root key; never echoed. */
export function checkWrappedSecret(value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) throw WrappedSecretInvalid();
}

export function checkBoolean(field: string, value: unknown): void {
  if (typeof value !== 'boolean') throw IamFieldNotBoolean(field, typeof value);
}

/** Groups: name 1–128 characters, description at most 255 bytes (UTF-8). */
export const GROUP_NAME_MAX_LENGTH = 128;
export const GROUP_DESCRIPTION_MAX_BYTES = 255;
/** Custom policies: display name 1–128 characters, description ≤1000, 200 per domain. */
export const POLICY_DISPLAY_NAME_MAX_LENGTH = 128;
export const POLICY_DESCRIPTION_MAX_LENGTH = 1000;
export const CUSTOM_POLICIES_PER_DOMAIN = 200;

/** A name of 1–`max` characters with no control characters (group names, policy display names). */
export function checkFreeName(field: string, value: unknown, max: number): asserts value is string {
  requireString(field, value);
  const length = lengthOf(value);
  if (length < 1 || length > max) throw IamNameLength(field, max, length);
  const bad = [...value].findIndex((c) => /^[\u0000-\u001f\u007f]$/u.test(c));
  if (bad >= 0) throw IamControlCharacter(field, bad + 1);
}

/** A description of at most `max` characters. */
export function checkLongDescription(field: string, value: unknown, max: number): void {
  requireString(field, value);
  const length = lengthOf(value);
  if (length > max) throw IamFieldTooLong(field, max, length, 'characters');
}

/** A description of at most `max` UTF-8 bytes. */
export function checkDescriptionBytes(field: string, value: unknown, max: number): void {
  requireString(field, value);
  const bytes = utf8Length(value);
  if (bytes > max) throw IamFieldTooLong(field, max, bytes, 'bytes');
}

/** UTF-8 length of a string (a lone surrogate counts as U+FFFD, 3 bytes, as an encoder writes it). */
export function utf8Length(value: string): number {
  let bytes = 0;
  for (const c of value) {
    const code = c.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
