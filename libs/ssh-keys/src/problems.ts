import { quote } from '@dew/contracts';

/**
 * Why an SSH key, private key or ciphertext was refused. Messages name the problem and the public
 * value that broke the rule; they never carry private key material (docs/ssh-keys.md).
 */
export type SshKeyProblemCode =
  | 'TOO_LONG'
  | 'BAD_FORMAT'
  | 'UNKNOWN_TYPE'
  | 'BAD_BASE64'
  | 'TRUNCATED'
  | 'TRAILING_DATA'
  | 'TYPE_MISMATCH'
  | 'BAD_INTEGER'
  | 'UNSUPPORTED_SIZE'
  | 'BAD_CURVE_POINT'
  | 'ENCRYPTED_PRIVATE_KEY'
  | 'NOT_A_PRIVATE_KEY'
  | 'KEY_MISMATCH'
  | 'BAD_CIPHERTEXT';

export class SshKeyProblem extends Error {
  override readonly name = 'SshKeyProblem';

  constructor(
    readonly code: SshKeyProblemCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A type or curve name for a message. Only text shaped like such a name is quoted: the same place
 * may hold anything a caller pasted, a private key or a password included.
 */
export function quoteName(value: string): string {
  return /^[a-z][a-z0-9@.-]{0,39}$/.test(value) ? quote(value) : 'an unreadable name';
}

/** "a, b or c" */
export function oneOf(items: readonly (string | number)[]): string {
  const all = items.map(String);
  return all.length <= 1 ? all.join('') : `${all.slice(0, -1).join(', ')} or ${all.at(-1)}`;
}
