// Shared given/when/then helpers for this library's unit specs. The `.spec.ts` suffix keeps it out
// of dist (tools/build.mjs) and out of jest's test match (`*.unit.spec.ts`).
import { DewError } from '@dew/contracts';
import { foldEvents } from '@dew/decider';
import { DeciderSpecification } from '@dew/testing/decider';
import { keyringDecider, type KeyringCommand, type KeyringEvent } from './keyring.decider.js';
import type { KeyCreated } from './lifecycle/events.js';
import { initialKeyring, type KeyMaterial, type Keyring } from './state/keyring.state.js';

export const PROJECT = '0123456789abcdef0123456789abcdef';
export const DOMAIN = 'fedcba9876543210fedcba9876543210';
export const T0 = 1_764_000_000_000;
export const DAY = 86_400_000;

/** given(past events).when(command).then(…): every decide case of this domain. */
export const given = DeciderSpecification.for(keyringDecider);

export const aesMaterial: KeyMaterial = { version: 1, wrapped: 'd3JhcHBlZC1hZXM=' };
export const rsaMaterial: KeyMaterial = {
  version: 1,
  wrapped: 'd3JhcHBlZC1yc2E=',
  publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----\n',
};

/** Deterministic UUID-shaped key id. */
export function keyId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function created(n: number, over: Partial<KeyCreated> = {}): KeyCreated {
  return {
    type: 'KeyCreated',
    keyId: keyId(n),
    domainId: DOMAIN,
    alias: `key-${n}`,
    description: '',
    keySpec: 'AES_256',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'kms',
    enterpriseProjectId: '0',
    tags: [],
    isDefault: false,
    at: T0 + n,
    material: aesMaterial,
    ...over,
  };
}

export function defaultKeyCreated(n: number, service: string): KeyCreated {
  return created(n, { alias: `${service}/default`, isDefault: true, description: `Default master key of ${service}` });
}

/** The keyring of project PROJECT after `events`: for the read helpers and evolve, which are plain functions. */
export function stateAfter(...events: readonly KeyringEvent[]): Keyring {
  return foldEvents(keyringDecider, events, initialKeyring(PROJECT));
}

/**
 * `past` followed by the events of `commands` decided in turn: a history built through the
 * decider, for cases whose setup is easier to say as commands (a hundred grants, rotations, imports).
 */
export function history(past: readonly KeyringEvent[], ...commands: readonly KeyringCommand[]): KeyringEvent[] {
  const events = [...past];
  let state = stateAfter(...past);
  for (const command of commands) {
    const decided = keyringDecider.decide(state, command);
    state = foldEvents(keyringDecider, decided, state);
    events.push(...decided);
  }
  return events;
}

/** `count` user keys numbered from `from`. */
export function manyKeys(count: number, from = 1): KeyCreated[] {
  return Array.from({ length: count }, (_, i) => created(from + i));
}

/** The command succeeded with exactly one event. */
export const oneEvent = (events: readonly KeyringEvent[]): void => {
  expect(events).toHaveLength(1);
};

/** The DewError `fn` throws; fails the test if it throws nothing or something else. */
export function refusal(fn: () => unknown): DewError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DewError) return e;
    throw e;
  }
  throw new Error('expected a DewError refusal, but the call succeeded');
}
