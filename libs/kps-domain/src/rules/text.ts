import { KpsFieldInvalid, KpsForbiddenCharacter, charLength, firstBadChar, quote } from '@dew/contracts';

/** The checks every text field shares: it is a string, its length in characters, its characters. */

export interface TextRule {
  readonly min: number;
  readonly max: number;
  /** One allowed character (a one-character class), and how a refusal names the set. */
  readonly char?: { readonly pattern: RegExp; readonly text: string };
}

export function checkedText(field: string, value: unknown, rule: TextRule): string {
  if (typeof value !== 'string') throw KpsFieldInvalid(field, 'be a string');
  const length = charLength(value);
  if (length < rule.min || length > rule.max) {
    const range = rule.min === 0 ? `at most ${rule.max}` : `${rule.min}..${rule.max}`;
    throw KpsFieldInvalid(field, `be ${range} characters`, length);
  }
  const bad = rule.char ? firstBadChar(value, rule.char.pattern) : undefined;
  if (bad && rule.char) throw KpsForbiddenCharacter(field, rule.char.text, bad);
  return value;
}

/** The text's first `max` characters: for text that must be kept whatever its length. */
export function cutText(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string') throw KpsFieldInvalid(field, 'be a string');
  return charLength(value) <= max ? value : [...value].slice(0, max).join('');
}

/** A value as a refusal shows it: a number as it is, anything else quoted (and cut). */
export function shown(value: unknown): string {
  return typeof value === 'number' ? String(value) : quote(value);
}

/** One of a closed set of values. */
export function oneOf<T extends string>(field: string, allowed: readonly T[], value: unknown): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw KpsFieldInvalid(field, `be one of ${allowed.join(', ')}`, quote(value));
  return found;
}

export function checkedBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw KpsFieldInvalid(field, 'be true or false', quote(value));
  return value;
}
