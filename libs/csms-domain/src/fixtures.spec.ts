import { DewError } from '@dew/contracts';
import { decide, type SecretCommand } from './secrets.decide.js';
import { evolve, initialSecretSet, type EncryptedValue, type SecretEvent, type SecretSet } from './secrets.js';

export const PROJECT = '0123456789abcdef0123456789abcdef';
export const KEY = '11111111-2222-4333-8444-555555555555';
export const T0 = 1_700_000_000_000;

export const sealed = (n: number, kmsKeyId = KEY): EncryptedValue => ({ kmsKeyId, sealed: `sealed-${n}` });
export const secretId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function refusal(fn: () => unknown): DewError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DewError) return e;
    throw e;
  }
  throw new Error('expected a DewError refusal, but the call succeeded');
}

export function given(...events: readonly SecretEvent[]): SecretSet {
  return events.reduce<SecretSet>((s, e) => evolve(s, e), initialSecretSet(PROJECT));
}

/** Decide `commands` in turn, evolving the state with each one's events. */
export function run(state: SecretSet, ...commands: readonly SecretCommand[]): SecretSet {
  return commands.reduce<SecretSet>((s, c) => decide(s, c).reduce<SecretSet>((x, e) => evolve(x, e), s), state);
}

export function created(n: number, name = `secret-${n}`, at = T0): SecretEvent {
  return {
    type: 'SecretCreated',
    secretId: secretId(n),
    name,
    description: '',
    kmsKeyId: KEY,
    secretType: 'COMMON',
    at,
    firstVersion: { versionId: 'v1', value: sealed(1), expireTime: null },
  };
}

/** A project holding secrets 1..n named secret-<i>. */
export function manySecrets(n: number): SecretSet {
  return given(...Array.from({ length: n }, (_, i) => created(i + 1)));
}

export function addVersion(name: string, n: number, stages?: readonly string[], now = T0 + n): SecretCommand {
  return { type: 'AddSecretVersion', name, value: sealed(n), ...(stages ? { stages } : {}), now };
}
