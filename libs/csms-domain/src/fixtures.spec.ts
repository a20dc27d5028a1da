import { foldEvents } from '@dew/decider';
import { DeciderSpecification } from '@dew/testing/decider';
import { secretSetDecider, type SecretCommand, type SecretEvent } from './secret-set.decider.js';
import type { SecretCreated } from './secrets/events.js';
import type { EncryptedValue, SecretSet } from './state/secret-set.js';

export const KEY = '11111111-2222-4333-8444-555555555555';
export const T0 = 1_700_000_000_000;

/** given(past events).when(command).then(…): every decide case of this domain. */
export const given = DeciderSpecification.for(secretSetDecider);

export const sealed = (n: number, kmsKeyId = KEY): EncryptedValue => ({ kmsKeyId, sealed: `sealed-${n}` });
export const secretId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The state after `events`: for the read helpers and evolve, which are plain functions. */
export function stateAfter(events: readonly SecretEvent[]): SecretSet {
  return foldEvents(secretSetDecider, events);
}

/**
 * `past` followed by the events of `commands` decided in turn: a history built through the
 * decider, for cases whose setup is easier to say as commands (twenty versions, moved stages).
 */
export function history(past: readonly SecretEvent[], ...commands: readonly SecretCommand[]): SecretEvent[] {
  const events = [...past];
  let state = stateAfter(past);
  for (const command of commands) {
    const decided = secretSetDecider.decide(state, command);
    state = foldEvents(secretSetDecider, decided, state);
    events.push(...decided);
  }
  return events;
}

export function created(n: number, name = `secret-${n}`, at = T0): SecretCreated {
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

/** Secrets 1..n named secret-<i>. */
export function manyCreated(n: number): SecretEvent[] {
  return Array.from({ length: n }, (_, i) => created(i + 1));
}

export function addVersion(name: string, n: number, stages?: readonly string[], now = T0 + n): SecretCommand {
  return { type: 'AddSecretVersion', name, value: sealed(n), ...(stages ? { stages } : {}), now };
}

/** The command succeeded with exactly one event. */
export const oneEvent = (events: readonly SecretEvent[]): void => {
  expect(events).toHaveLength(1);
};
