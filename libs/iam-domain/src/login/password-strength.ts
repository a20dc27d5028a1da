import type { PasswordStrength } from '../state/account.state.js';
import { assertNever } from '../state/records.js';

const CLASSES = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/] as const;

/**
 * Judged once, when the password is set (only its hash is kept): `high` takes all four character
 * classes and at least 12 characters, `mid` three classes and at least 8, anything else is `low`.
 */
export function passwordStrength(password: string): PasswordStrength {
  const classes = CLASSES.filter((re) => re.test(password)).length;
  if (classes === 4 && password.length >= 12) return 'high';
  if (classes >= 3 && password.length >= 8) return 'mid';
  return 'low';
}

/** ShowUserResult spells the same judgement Low / Middle / High, and None for a user without a password. */
export function passwordStrengthLabel(strength: PasswordStrength | null): 'Low' | 'Middle' | 'High' | 'None' {
  switch (strength) {
    case null:
      return 'None';
    case 'low':
      return 'Low';
    case 'mid':
      return 'Middle';
    case 'high':
      return 'High';
    default:
      return assertNever(strength);
  }
}
