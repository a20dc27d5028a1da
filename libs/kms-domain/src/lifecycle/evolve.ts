import type { PersistentMap } from '@dew/decider';
import { assertNever } from '@dew/decider';
import {
  INITIAL_IMPORTED,
  INITIAL_ROTATION,
  common,
  type CmkCommon,
  type DestroyedCmk,
  type Keyring,
  type LiveCmk,
} from '../state/keyring.state.js';
import { findKey, updateLive } from '../state/queries.js';
import { rotationOnReEnable } from '../state/rotation-plan.js';
import type { KeyCreated, LifecycleEvent } from './events.js';
import { dropAliasesOfKey } from '../aliases/evolve.js';

export function evolveLifecycle(state: Keyring, event: LifecycleEvent): Keyring {
  switch (event.type) {
    case 'KeyCreated':
      return keyCreated(state, event);
    case 'KeyEnabled':
      return updateLive(state, event.keyId, (k) => ({
        ...common(k),
        status: 'Enabled',
        rotation: rotationOnReEnable(k.rotation, event.at),
      }));
    case 'KeyDisabled':
      return updateLive(state, event.keyId, (k) => ({ ...common(k), status: 'Disabled' }));
    case 'KeyDeletionScheduled':
      return updateLive(state, event.keyId, (k) => ({
        ...common(k),
        status: 'PendingDeletion',
        pendingDays: event.pendingDays,
        scheduledAt: event.at,
        deleteAt: event.deleteAt,
        hadMaterial: k.status !== 'PendingImport',
      }));
    case 'KeyDeletionCancelled':
      return updateLive(state, event.keyId, (k) => ({ ...common(k), status: event.restoredTo }));
    case 'KeyDestroyed': {
      const k = findKey(state, event.keyId);
      if (!k) return state;
      const tombstone: DestroyedCmk = { status: 'Destroyed', keyId: k.keyId, alias: k.alias, destroyedAt: event.at };
      // The key's grants vanish with it.
      let grantIndex = state.grantIndex;
      for (const g of k.grants) grantIndex = grantIndex.delete(g.grantId);
      return {
        ...state,
        keys: state.keys.set(k.keyId, tombstone),
        aliasIndex: dropAlias(state.aliasIndex, k.alias, k.keyId),
        userKeys: state.userKeys - (k.isDefault ? 0 : 1),
        grantIndex,
        keyAliases: dropAliasesOfKey(state, k.keyId),
      };
    }
    case 'KeyAliasChanged': {
      const k = findKey(state, event.keyId);
      if (!k) return state;
      return {
        ...state,
        keys: state.keys.set(k.keyId, { ...k, alias: event.alias }),
        aliasIndex: dropAlias(state.aliasIndex, k.alias, k.keyId).set(event.alias, k.keyId),
      };
    }
    case 'KeyDescriptionChanged':
      return updateLive(state, event.keyId, (k) => ({ ...k, description: event.description }));
    case 'KeyEnterpriseProjectChanged':
      return updateLive(state, event.keyId, (k) => ({ ...k, enterpriseProjectId: event.enterpriseProjectId }));
    default:
      return assertNever(event);
  }
}

function keyCreated(state: Keyring, event: KeyCreated): Keyring {
  if (state.keys.has(event.keyId)) return state;
  const { material } = event;
  const base: CmkCommon = {
    keyId: event.keyId,
    domainId: event.domainId,
    alias: event.alias,
    description: event.description,
    keySpec: event.keySpec,
    keyUsage: event.keyUsage,
    origin: event.origin,
    enterpriseProjectId: event.enterpriseProjectId,
    tags: event.tags,
    ...(event.keystoreId !== undefined ? { keystoreId: event.keystoreId } : {}),
    isDefault: event.isDefault,
    createdAt: event.at,
    versions: material
      ? [
          {
            version: material.version,
            wrapped: material.wrapped,
            ...(material.publicKeyPem !== undefined ? { publicKeyPem: material.publicKeyPem } : {}),
            ...(material.hsmKeyId !== undefined ? { hsmKeyId: material.hsmKeyId } : {}),
            createdAt: event.at,
          },
        ]
      : [],
    rotation: INITIAL_ROTATION,
    grants: [],
    imported: INITIAL_IMPORTED,
  };
  const cmk: LiveCmk = material ? { ...base, status: 'Enabled' } : { ...base, status: 'PendingImport' };
  return {
    ...state,
    keys: state.keys.set(event.keyId, cmk),
    aliasIndex: state.aliasIndex.set(event.alias, event.keyId),
    userKeys: state.userKeys + (event.isDefault ? 0 : 1),
  };
}

function dropAlias(index: PersistentMap<string>, alias: string, keyId: string): PersistentMap<string> {
  return index.get(alias) === keyId ? index.delete(alias) : index;
}
