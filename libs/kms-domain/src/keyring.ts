import type { KeySpec, KeyUsage } from './key-specs.js';
import { PersistentMap } from './persistent-map.js';
import type { KeyTag } from './rules.js';

/**
 * The project's keyring: every CMK of one project, one event subject
 * (`evt.kms.<projectId>.keyring`), so alias uniqueness and the 50-key quota are guarded by one
 * expected-sequence append (ARCHITECTURE.md "Event sourcing on JetStream").
 */

export type KeyOrigin = 'kms' | 'external';

/** Material as it travels in events: wrapped by the owner's keyring key, opaque here. */
export interface KeyMaterial {
  readonly version: number;
  /** base64 of the wrapped material; never clear key bytes. */
  readonly wrapped: string;
  readonly publicKeyPem?: string;
}

// ---- events --------------------------------------------------------------------------------

export interface KeyCreated {
  readonly type: 'KeyCreated';
  readonly keyId: string;
  readonly domainId: string;
  readonly alias: string;
  readonly description: string;
  readonly keySpec: KeySpec;
  readonly keyUsage: KeyUsage;
  readonly origin: KeyOrigin;
  readonly enterpriseProjectId: string;
  readonly tags: readonly KeyTag[];
  readonly isDefault: boolean;
  readonly at: number;
  /** null for origin external: the key waits in PendingImport. */
  readonly material: KeyMaterial | null;
}
export interface KeyEnabled {
  readonly type: 'KeyEnabled';
  readonly keyId: string;
  readonly at: number;
}
export interface KeyDisabled {
  readonly type: 'KeyDisabled';
  readonly keyId: string;
  readonly at: number;
}
export interface KeyDeletionScheduled {
  readonly type: 'KeyDeletionScheduled';
  readonly keyId: string;
  readonly pendingDays: number;
  readonly deleteAt: number;
  readonly at: number;
}
export interface KeyDeletionCancelled {
  readonly type: 'KeyDeletionCancelled';
  readonly keyId: string;
  readonly restoredTo: 'Disabled' | 'PendingImport';
  readonly at: number;
}
export interface KeyDestroyed {
  readonly type: 'KeyDestroyed';
  readonly keyId: string;
  readonly at: number;
}
export interface KeyAliasChanged {
  readonly type: 'KeyAliasChanged';
  readonly keyId: string;
  readonly alias: string;
  readonly previousAlias: string;
  readonly at: number;
}
export interface KeyDescriptionChanged {
  readonly type: 'KeyDescriptionChanged';
  readonly keyId: string;
  readonly description: string;
  readonly at: number;
}

export type KeyringEvent =
  | KeyCreated
  | KeyEnabled
  | KeyDisabled
  | KeyDeletionScheduled
  | KeyDeletionCancelled
  | KeyDestroyed
  | KeyAliasChanged
  | KeyDescriptionChanged;

// ---- state ---------------------------------------------------------------------------------

export interface KeyVersion {
  readonly version: number;
  readonly wrapped: string;
  readonly publicKeyPem?: string;
  readonly createdAt: number;
}

interface CmkCommon {
  readonly keyId: string;
  readonly domainId: string;
  readonly alias: string;
  readonly description: string;
  readonly keySpec: KeySpec;
  readonly keyUsage: KeyUsage;
  readonly origin: KeyOrigin;
  readonly enterpriseProjectId: string;
  readonly tags: readonly KeyTag[];
  readonly isDefault: boolean;
  readonly createdAt: number;
  /** Oldest first; empty while PendingImport. */
  readonly versions: readonly KeyVersion[];
}

export interface EnabledCmk extends CmkCommon {
  readonly status: 'Enabled';
}
export interface DisabledCmk extends CmkCommon {
  readonly status: 'Disabled';
}
export interface PendingImportCmk extends CmkCommon {
  readonly status: 'PendingImport';
}
export interface PendingDeletionCmk extends CmkCommon {
  readonly status: 'PendingDeletion';
  readonly pendingDays: number;
  readonly scheduledAt: number;
  readonly deleteAt: number;
  /** False when scheduled from PendingImport: cancelling then returns it to PendingImport. */
  readonly hadMaterial: boolean;
}
/** A tombstone: material and metadata are gone, the id stays so late commands answer KMS.0207. */
export interface DestroyedCmk {
  readonly status: 'Destroyed';
  readonly keyId: string;
  readonly alias: string;
  readonly destroyedAt: number;
}

export type LiveCmk = EnabledCmk | DisabledCmk | PendingImportCmk | PendingDeletionCmk;
export type CmkState = LiveCmk | DestroyedCmk;
export type CmkStatus = CmkState['status'];
export type LiveStatus = LiveCmk['status'];

export interface Keyring {
  readonly projectId: string;
  /** keyId → key, destroyed keys included as tombstones. */
  readonly keys: PersistentMap<CmkState>;
  /** alias → keyId, live keys only: a destroyed key frees its alias. */
  readonly aliasIndex: PersistentMap<string>;
  /** Non-default live keys: the 50-key quota counts these. */
  readonly userKeys: number;
}

export function initialKeyring(projectId: string): Keyring {
  return { projectId, keys: PersistentMap.empty(), aliasIndex: PersistentMap.empty(), userKeys: 0 };
}

// ---- evolve --------------------------------------------------------------------------------

function common(k: LiveCmk): CmkCommon {
  return {
    keyId: k.keyId,
    domainId: k.domainId,
    alias: k.alias,
    description: k.description,
    keySpec: k.keySpec,
    keyUsage: k.keyUsage,
    origin: k.origin,
    enterpriseProjectId: k.enterpriseProjectId,
    tags: k.tags,
    isDefault: k.isDefault,
    createdAt: k.createdAt,
    versions: k.versions,
  };
}

/** Events are facts already decided: evolve never refuses. One for an unknown or destroyed key is ignored. */
function updateLive(state: Keyring, keyId: string, change: (k: LiveCmk) => LiveCmk): Keyring {
  const k = findKey(state, keyId);
  return k ? { ...state, keys: state.keys.set(keyId, change(k)) } : state;
}

export function evolve(state: Keyring, event: KeyringEvent): Keyring {
  switch (event.type) {
    case 'KeyCreated': {
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
        isDefault: event.isDefault,
        createdAt: event.at,
        versions: material
          ? [
              material.publicKeyPem === undefined
                ? { version: material.version, wrapped: material.wrapped, createdAt: event.at }
                : { ...material, createdAt: event.at },
            ]
          : [],
      };
      const cmk: LiveCmk = material ? { ...base, status: 'Enabled' } : { ...base, status: 'PendingImport' };
      return {
        ...state,
        keys: state.keys.set(event.keyId, cmk),
        aliasIndex: state.aliasIndex.set(event.alias, event.keyId),
        userKeys: state.userKeys + (event.isDefault ? 0 : 1),
      };
    }
    case 'KeyEnabled':
      return updateLive(state, event.keyId, (k) => ({ ...common(k), status: 'Enabled' }));
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
      return {
        ...state,
        keys: state.keys.set(k.keyId, tombstone),
        aliasIndex: dropAlias(state.aliasIndex, k.alias, k.keyId),
        userKeys: state.userKeys - (k.isDefault ? 0 : 1),
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
    default:
      return assertNever(event);
  }
}

function dropAlias(index: PersistentMap<string>, alias: string, keyId: string): PersistentMap<string> {
  return index.get(alias) === keyId ? index.delete(alias) : index;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}

// ---- queries -------------------------------------------------------------------------------

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

export function activeKeys(state: Keyring): LiveCmk[] {
  const out: LiveCmk[] = [];
  for (const k of state.keys.values()) if (k.status !== 'Destroyed') out.push(k);
  return out;
}

/** Keys counted against the project quota: non-default and not destroyed. */
export function userKeyCount(state: Keyring): number {
  return state.userKeys;
}

export type KeyStateCode = '2' | '3' | '4' | '5';

/** Huawei `key_state` of a live key (API.md §1.2). "1" (pending activation) never occurs here. */
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
