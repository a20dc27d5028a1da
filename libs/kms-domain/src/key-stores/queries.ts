import { KeyStoreNotFound, KeyStoreStateForbids } from '@dew/contracts';
import type { Keyring, KeyStore, LiveCmk } from '../state/keyring.state.js';

/** A key store that is not deleted, by id. */
export function findKeyStore(state: Keyring, keystoreId: string): KeyStore | undefined {
  const s = state.keyStores.get(keystoreId);
  return s && !s.deleted ? s : undefined;
}

/** A live key store, or KMS.2902 (404). */
export function liveKeyStore(state: Keyring, keystoreId: string): KeyStore {
  const s = findKeyStore(state, keystoreId);
  if (!s) throw KeyStoreNotFound(keystoreId);
  return s;
}

/**
 * A key store by id, deleted ones included: a tombstone's access is what destroys the HSM keys of
 * its keys pending deletion (docs/api-decisions.md, "Key stores"). KMS.2902 when it never existed.
 */
export function keyStoreRecord(state: Keyring, keystoreId: string): KeyStore {
  const s = state.keyStores.get(keystoreId);
  if (!s) throw KeyStoreNotFound(keystoreId);
  return s;
}
/**
 * A deleted store none of whose keys is left but destroyed ones: nothing needs its access any more,
 * so KMS erases it (docs/api-decisions.md, "Key stores").
 */
export function isRetiredKeyStore(state: Keyring, keystoreId: string): boolean {
  const s = state.keyStores.get(keystoreId);
  if (!s?.deleted) return false;
  for (const k of state.keys.values()) if (k.status !== 'Destroyed' && k.keystoreId === keystoreId) return false;
  return true;
}
/** Live key stores, oldest first (creation order, then id). */
export function keyStoresOf(state: Keyring): KeyStore[] {
  const out: KeyStore[] = [];
  for (const s of state.keyStores.values()) if (!s.deleted) out.push(s);
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.keystoreId < b.keystoreId ? -1 : 1));
}

/** Keys of the store that still count as held: live and not pending deletion. */
export function keysHeldBy(state: Keyring, keystoreId: string): LiveCmk[] {
  const out: LiveCmk[] = [];
  for (const k of state.keys.values()) {
    if (k.status !== 'Destroyed' && k.status !== 'PendingDeletion' && k.keystoreId === keystoreId) out.push(k);
  }
  return out;
}

/**
 * The store of a key-store key, for a crypto call: a disabled store refuses its keys (KMS.2905).
 * A deleted store cannot hold a usable key (delete needs every key scheduled for deletion).
 */
export function usableKeyStoreOf(state: Keyring, key: LiveCmk): KeyStore | undefined {
  if (key.keystoreId === undefined) return undefined;
  const store = liveKeyStore(state, key.keystoreId);
  if (store.state !== 'ENABLED') throw KeyStoreStateForbids(store.keystoreId, 'disabled', `its key ${key.keyId} cannot be used until the key store is enabled`);
  return store;
}

/** The store binding of a key, deleted stores included: what destroying its HSM key needs. */
export function keyStoreOfKey(state: Keyring, keyId: string): KeyStore | undefined {
  const k = state.keys.get(keyId);
  if (!k || k.status === 'Destroyed' || k.keystoreId === undefined) return undefined;
  return state.keyStores.get(k.keystoreId);
}
