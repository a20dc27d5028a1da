import type { Instant } from '@dew/decider';
import { assertNever } from '@dew/decider';
import { HsmInstanceBound, KeyStoreAliasTaken, KeyStoreHasKeys, KeyStoreQuotaReached, KeyStoreStateForbids, KmsInternalFault } from '@dew/contracts';
import type { Keyring, KeyStoreDefinition } from '../state/keyring.state.js';
import type { KeyStoreEvent } from './events.js';
import { keysHeldBy, keyStoresOf, liveKeyStore } from './queries.js';
import { KEYSTORE_QUOTA, validateHsmCaCert, validateHsmClusterId, validateKeyStoreAlias } from './rules.js';

export interface CreateKeyStore extends KeyStoreDefinition {
  readonly type: 'CreateKeyStore';
  readonly now: Instant;
}
export interface EnableKeyStore {
  readonly type: 'EnableKeyStore';
  readonly keystoreId: string;
  readonly now: Instant;
}
export interface DisableKeyStore {
  readonly type: 'DisableKeyStore';
  readonly keystoreId: string;
  readonly now: Instant;
}
export interface DeleteKeyStore {
  readonly type: 'DeleteKeyStore';
  readonly keystoreId: string;
  readonly now: Instant;
}

export type KeyStoreCommand = CreateKeyStore | EnableKeyStore | DisableKeyStore | DeleteKeyStore;

export type CreateKeyStoreInput = Pick<CreateKeyStore, 'keystoreId' | 'alias' | 'hsmClusterId'>;

/** Every refusal of CreateKeyStore that needs no HSM: the service checks it before enrolling with the instance, decide again. */
export function validateCreateKeyStore(state: Keyring, cmd: CreateKeyStoreInput): void {
  const alias = validateKeyStoreAlias(cmd.alias);
  const hsmClusterId = validateHsmClusterId(cmd.hsmClusterId);
  const live = keyStoresOf(state);
  const sameAlias = live.find((s) => s.alias === alias);
  if (sameAlias) throw KeyStoreAliasTaken(alias, sameAlias.keystoreId);
  const sameInstance = live.find((s) => s.hsmClusterId === hsmClusterId);
  if (sameInstance) throw HsmInstanceBound(hsmClusterId, sameInstance.keystoreId);
  if (live.length >= KEYSTORE_QUOTA) throw KeyStoreQuotaReached(KEYSTORE_QUOTA, live.length);
  if (state.keyStores.has(cmd.keystoreId)) throw KmsInternalFault(`keystore_id ${cmd.keystoreId} is already taken`);
}

export function decideKeyStores(state: Keyring, command: KeyStoreCommand): readonly KeyStoreEvent[] {
  switch (command.type) {
    case 'CreateKeyStore': {
      validateCreateKeyStore(state, command);
      validateHsmCaCert(command.hsmCaCertPem);
      if (command.access.sealedPrivateKey.length === 0) throw KmsInternalFault('a key store needs its sealed access private key');
      const { keystoreId, domainId, alias, hsmClusterId, hsmCaCertPem, access } = command;
      return [{ type: 'KeyStoreCreated', keystoreId, domainId, alias, hsmClusterId, hsmCaCertPem, access, at: command.now }];
    }
    case 'EnableKeyStore': {
      const store = liveKeyStore(state, command.keystoreId);
      if (store.state === 'ENABLED') throw KeyStoreStateForbids(store.keystoreId, 'enabled', 'only a disabled key store can be enabled');
      return [{ type: 'KeyStoreEnabled', keystoreId: store.keystoreId, at: command.now }];
    }
    case 'DisableKeyStore': {
      const store = liveKeyStore(state, command.keystoreId);
      if (store.state === 'DISABLED') throw KeyStoreStateForbids(store.keystoreId, 'disabled', 'only an enabled key store can be disabled');
      return [{ type: 'KeyStoreDisabled', keystoreId: store.keystoreId, at: command.now }];
    }
    case 'DeleteKeyStore': {
      const store = liveKeyStore(state, command.keystoreId);
      if (store.state === 'ENABLED') throw KeyStoreStateForbids(store.keystoreId, 'enabled', 'disable it before deleting it');
      const held = keysHeldBy(state, store.keystoreId);
      if (held.length > 0) throw KeyStoreHasKeys(store.keystoreId, held.map((k) => k.keyId));
      return [{ type: 'KeyStoreDeleted', keystoreId: store.keystoreId, at: command.now }];
    }
    default:
      return assertNever(command);
  }
}
