import { InvalidAliasName, KEY_ALIAS_PREFIX, quote } from '@dew/contracts';
import { ALIAS_MAX, DEFAULT_ALIAS_SUFFIX } from '../rules.js';

/**
 * The rules of a v2 alias name (docs/api-decisions.md, "Aliases"): the `alias/` prefix (so a
 * `key_id` field can tell an alias from a key id), then Huawei's console characters (letters,
 * digits, `_ - : /`), 1–255 characters in all like `key_alias`, and not ending in `/default`
 * (SPEC K2: the default master keys' names).
 */
export const KEY_ALIAS_MAX = ALIAS_MAX;
/** Huawei: at most 50 aliases per key. */
export const ALIASES_PER_KEY_MAX = 50;
/** DEW: the keyring holds every alias of the project, so their number is bounded (docs/api-decisions.md). */
export const ALIASES_PER_PROJECT_MAX = 500;

const NAME_CHAR = /^[A-Za-z0-9_:/-]$/;

export function validateAliasName(alias: string): string {
  const chars = [...alias];
  if (chars.length <= KEY_ALIAS_PREFIX.length || chars.length > KEY_ALIAS_MAX) {
    throw InvalidAliasName(`must be ${KEY_ALIAS_PREFIX.length + 1}..${KEY_ALIAS_MAX} characters, got ${chars.length}`);
  }
  if (!alias.startsWith(KEY_ALIAS_PREFIX)) throw InvalidAliasName(`must start with ${KEY_ALIAS_PREFIX}, got ${quote(alias.slice(0, 64))}`);
  const position = chars.findIndex((c) => !NAME_CHAR.test(c));
  if (position >= 0) throw InvalidAliasName(`may contain only A-Z a-z 0-9 _ : / -, got ${quote(chars[position] ?? '')} at position ${position}`);
  if (alias.endsWith(DEFAULT_ALIAS_SUFFIX)) throw InvalidAliasName(`must not end with ${DEFAULT_ALIAS_SUFFIX} (reserved for default master keys), got ${quote(alias)}`);
  return alias;
}
