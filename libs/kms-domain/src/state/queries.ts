import { defaultAliasOf } from '../rules.js';
import { assertNever } from '@dew/decider';
import type { Keyring, LiveCmk, LiveStatus } from './keyring.state.js';

/** A live (not destroyed) key by id. */
export function findKey(state: Keyring, keyId: string): LiveCmk | undefined {
  const k = state.keys.get(keyId);
  return k && k.status !== 'Destroyed' ? k : undefined;
}

/** A live key by alias. */
export function findByAlias(state: Keyring, alias: string): LiveCmk | undefined {
  const keyId = state.aliasIndex.get(alias);
  return keyId === undefined ? undefined : findKey(state, keyId);
}

/** The default master key of a service, if created: lets the service skip generating material. */
export function findDefaultKey(state: Keyring, service: string): LiveCmk | undefined {
  return findByAlias(state, defaultAliasOf(service));
}

export function activeKeys(state: Keyring): LiveCmk[] {
  const out: LiveCmk[] = [];
  for (const k of state.keys.values()) if (k.status !== 'Destroyed') out.push(k);
  return out;
}

/** Keys counted against the project quota: non-default and not destroyed. */
export function userKeyCount(state: Keyring): number {
  return state.userKeys;
}

/** Events are facts already decided: evolve never refuses. One for an unknown or destroyed key is ignored. */
export function updateLive(state: Keyring, keyId: string, change: (k: LiveCmk) => LiveCmk): Keyring {
  const k = findKey(state, keyId);
  return k ? { ...state, keys: state.keys.set(keyId, change(k)) } : state;
}

export type KeyStateCode = '2' | '3' | '4' | '5';

/** Huawei `key_state` of a live key. "1" (pending activation) never occurs here. */
export function keyStateCode(status: LiveStatus): KeyStateCode {
  switch (status) {
    case 'Enabled':
      return '2';
    case 'Disabled':
      return '3';
    case 'PendingDeletion':
      return '4';
    case 'PendingImport':
      return '5';
    default:
      return assertNever(status);
  }
}

/** Ascending by time, then by key id: the order every scheduler work list uses. */
export function bySoonest(a: { readonly keyId: string; readonly at: number }, b: { readonly keyId: string; readonly at: number }): number {
  return a.at - b.at || (a.keyId < b.keyId ? -1 : a.keyId > b.keyId ? 1 : 0);
}
