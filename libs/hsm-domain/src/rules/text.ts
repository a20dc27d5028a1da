import { DhsmFieldInvalid, DhsmForbiddenCharacter, charLength, firstBadChar, quote } from '@dew/contracts';

/** A text field: a string of `min`..`max` characters, each matching the one-character class `char`. */
export interface TextRule {
  readonly min: number;
  readonly max: number;
  readonly char?: { readonly pattern: RegExp; readonly text: string };
}

export function checkedText(field: string, value: unknown, rule: TextRule): string {
  if (typeof value !== 'string') throw DhsmFieldInvalid(field, 'be a string');
  const length = charLength(value);
  if (length < rule.min || length > rule.max) throw DhsmFieldInvalid(field, `be ${rule.min}..${rule.max} characters`, length);
  const bad = rule.char ? firstBadChar(value, rule.char.pattern) : undefined;
  if (bad && rule.char) throw DhsmForbiddenCharacter(field, rule.char.text, bad);
  return value;
}

export function oneOf<T extends string>(field: string, allowed: readonly T[], value: unknown): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw DhsmFieldInvalid(field, `be one of ${allowed.join(', ')}`, quote(value));
  return found;
}

export function checkedBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw DhsmFieldInvalid(field, 'be true or false', quote(value));
  return value;
}

export function checkedInteger(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw DhsmFieldInvalid(field, `be an integer ${min}..${max}`, typeof value === 'number' ? value : quote(value));
  }
  return value;
}
