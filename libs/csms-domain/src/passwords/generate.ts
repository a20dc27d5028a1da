import { InvalidField, quote } from '@dew/contracts';

/**
 * Random passwords for generate-password and for rotating COMMON secrets (docs/api-decisions.md,
 * "Generated passwords"). Pure: the caller passes a cryptographic byte source. Every character is
 * drawn uniformly by rejection sampling; with `require_each_included_type` one character of each
 * included class is placed first, then the whole is shuffled (Fisher-Yates, same sampler).
 */

export const PASSWORD_LENGTH_MIN = 8;
export const PASSWORD_LENGTH_MAX = 128;
export const PASSWORD_LENGTH_DEFAULT = 32;
export const EXCLUDE_CHARACTERS_MAX = 128;

export const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
export const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const NUMBERS = '0123456789';
export const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** The policy fields of the SDK's `CreatePasswordRequestBody` (absent = Huawei's default). */
export interface PasswordPolicy {
  /** DEW has no named policies: a non-empty name is refused. */
  readonly policyName?: string;
  readonly length?: number;
  readonly excludeCharacters?: string;
  readonly excludeLowercase?: boolean;
  readonly excludeUppercase?: boolean;
  readonly excludeNumbers?: boolean;
  readonly excludePunctuation?: boolean;
  readonly includeSpace?: boolean;
  readonly requireEachIncludedType?: boolean;
}

/** `n` cryptographically random bytes. */
export type RandomBytes = (n: number) => Uint8Array;

const RANGE = 0x1_0000_0000;

/** A uniform integer in [0, max): 32-bit draws above the last whole multiple of `max` are rejected. */
export function uniformInt(max: number, random: RandomBytes): number {
  const limit = RANGE - (RANGE % max);
  for (;;) {
    const b = random(4);
    const x = ((b[0] ?? 0) * 0x100_0000 + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0));
    if (x < limit) return x % max;
  }
}

function validateLength(length: number | undefined): number {
  if (length === undefined) return PASSWORD_LENGTH_DEFAULT;
  if (!Number.isInteger(length) || length < PASSWORD_LENGTH_MIN || length > PASSWORD_LENGTH_MAX) {
    throw InvalidField('length', `be an integer ${PASSWORD_LENGTH_MIN}..${PASSWORD_LENGTH_MAX}`, length);
  }
  return length;
}

/** The character classes the policy includes, each without the excluded characters; empty ones dropped. */
export function passwordClasses(policy: PasswordPolicy): string[] {
  const excluded = policy.excludeCharacters ?? '';
  if (typeof excluded !== 'string' || [...excluded].length > EXCLUDE_CHARACTERS_MAX) {
    throw InvalidField('exclude_characters', `be a string of at most ${EXCLUDE_CHARACTERS_MAX} characters`, typeof excluded === 'string' ? [...excluded].length : undefined);
  }
  const classes = [
    policy.excludeLowercase ? '' : LOWERCASE,
    policy.excludeUppercase ? '' : UPPERCASE,
    policy.excludeNumbers ? '' : NUMBERS,
    policy.excludePunctuation ? '' : PUNCTUATION,
    policy.includeSpace ? ' ' : '',
  ];
  return classes.map((c) => [...c].filter((ch) => !excluded.includes(ch)).join('')).filter((c) => c.length > 0);
}

export function generatePassword(policy: PasswordPolicy, random: RandomBytes): string {
  if (policy.policyName) throw InvalidField('password_policy_name', 'be absent: DEW has no named password policies', quote(policy.policyName.slice(0, 64)));
  const length = validateLength(policy.length);
  const classes = passwordClasses(policy);
  if (classes.length === 0) throw InvalidField('exclude_characters', 'leave at least one character to choose from', 'every character excluded');
  const required = policy.requireEachIncludedType === false ? [] : classes;
  if (required.length > length) throw InvalidField('length', `be at least ${required.length}, one character of each included type`, length);
  const all = classes.join('');
  const pick = (from: string): string => from[uniformInt(from.length, random)] ?? '';
  const chars = [...required.map(pick), ...Array.from({ length: length - required.length }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = uniformInt(i + 1, random);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
