// Shared given/when/then helpers for this library's unit specs. The `.spec.ts` suffix keeps it out
// of dist (tools/build.mjs) and out of jest's test match (`*.unit.spec.ts`).
import { foldEvents } from '@dew/decider';
import { DeciderSpecification } from '@dew/testing/decider';
import type { ActivateHsmInstance, CreateHsmInstance } from './instances/decide.js';
import { CREATION_MS, INSTALL_MS } from './instances/decide.js';
import { hsmSetDecider, type HsmSetCommand, type HsmSetEvent } from './hsm-set.decider.js';
import { initialHsmSet, type HsmSet } from './state/hsm-set.js';

export const PROJECT = '0123456789abcdef0123456789abcdef';
/** 2026-01-31T00:00:00Z: a month end, so month arithmetic shows its clamping. */
export const T0 = Date.UTC(2026, 0, 31);

export const given = DeciderSpecification.for(hsmSetDecider);

export const instanceId = (n: number): string => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;

export function stateAfter(...events: readonly HsmSetEvent[]): HsmSet {
  return foldEvents(hsmSetDecider, events, initialHsmSet(PROJECT));
}

/** `past` followed by the events of `commands` decided in turn (on the set of PROJECT). */
export function history(past: readonly HsmSetEvent[], ...commands: readonly HsmSetCommand[]): HsmSetEvent[] {
  const events = [...past];
  let state = stateAfter(...past);
  for (const command of commands) {
    const decided = hsmSetDecider.decide(state, command);
    state = foldEvents(hsmSetDecider, decided, state);
    events.push(...decided);
  }
  return events;
}

export function purchase(n: number, over: Partial<CreateHsmInstance> = {}): CreateHsmInstance {
  return { type: 'CreateHsmInstance', instanceId: instanceId(n), orderId: `CS${n}`, region: 'dew-local-1', contact: 'ukey@example.com', now: T0 + n, ...over };
}

export const installed = (n: number): HsmSetCommand => ({ type: 'CompleteHsmInstall', instanceId: instanceId(n), now: T0 + n + INSTALL_MS });

/** A fixed Ed25519 public key (its private half is not known to anyone) and its fingerprint. */
export const UKEY = {
  publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n',
  fingerprint: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
} as const;

export function activation(n: number, over: Partial<ActivateHsmInstance> = {}): ActivateHsmInstance {
  return {
    type: 'ActivateHsmInstance', instanceId: instanceId(n), az: 'dew-local-1a', name: `hsm-${n}`, hsmType: 'Finance', vpcId: 'vpc-1', subnetId: 'subnet-1',
    securityGroupId: 'sg-1', durationMonths: 1, autoRenew: false, subnetHosts: 253, prefixesElsewhere: new Set(), ukey: UKEY, now: T0 + n + INSTALL_MS, ...over,
  };
}

export const allocation = (n: number, at = T0 + n + INSTALL_MS + CREATION_MS): HsmSetCommand => ({ type: 'AllocateHsmNodes', instanceId: instanceId(n), now: at });

/** Instance n purchased and installed: To be activated. */
export const toBeActivated = (n: number, past: readonly HsmSetEvent[] = []): HsmSetEvent[] => history(past, purchase(n), installed(n));
/** Instance n activated: Creating. */
export const creating = (n: number, over: Partial<ActivateHsmInstance> = {}, past: readonly HsmSetEvent[] = []): HsmSetEvent[] =>
  history(toBeActivated(n, past), activation(n, over));
/** Instance n with its nodes: Running. */
export const running = (n: number, over: Partial<ActivateHsmInstance> = {}, past: readonly HsmSetEvent[] = []): HsmSetEvent[] =>
  history(creating(n, over, past), allocation(n));
