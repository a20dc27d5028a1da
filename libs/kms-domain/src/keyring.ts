import type { KeySpec, KeyUsage } from './key-specs.js';
import { PersistentMap } from './persistent-map.js';
import type { KeyTag } from './rules.js';

/**
 * The project's keyring: every CMK of one project, one event subject
 * (`evt.kms.<projectId>.keyring`), so alias uniqueness and the 50-key quota are guarded by one
 * expected-sequence append (docs/architecture.md, "Event sourcing on JetStream").
 */

export type KeyOrigin = 'kms' | 'external';

/** Material as it travels in events: wrapped by the owner's keyring key, opaque here. */
export interface KeyMaterial {
  readonly version: number;
  /** base64 of the wrapped material; never clear key bytes. */
  readonly wrapped: string;
  readonly publicKeyPem?: string;
}

/** Imported material as it travels in KeyMaterialImported: always version 1. */
export interface ImportedKeyMaterial {
  readonly version: 1;
  /** base64 of the material wrapped by its own keyring entry `owner`; never clear key bytes. */
  readonly wrapped: string;
  readonly publicKeyPem?: string;
  /** The keyring entry that sealed it: `<keyId>-m<n>` (see nextMaterialOwner). */
  readonly owner: string;
}

/** Import wrapping algorithms (PKCS#1 v1.5 refused on purpose). */
export const WRAPPING_ALGORITHMS = ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'] as const;
export type WrappingAlgorithm = (typeof WRAPPING_ALGORITHMS)[number];

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

// rotation
export interface KeyRotationEnabled {
  readonly type: 'KeyRotationEnabled';
  readonly keyId: string;
  readonly at: number;
}
export interface KeyRotationDisabled {
  readonly type: 'KeyRotationDisabled';
  readonly keyId: string;
  readonly at: number;
}
export interface KeyRotationIntervalChanged {
  readonly type: 'KeyRotationIntervalChanged';
  readonly keyId: string;
  readonly intervalDays: number;
  readonly at: number;
}
export type RotationTrigger = 'scheduled' | 'on-demand';
export interface KeyRotated {
  readonly type: 'KeyRotated';
  readonly keyId: string;
  /** The new version (latest + 1), wrapped like every version. */
  readonly material: { readonly version: number; readonly wrapped: string };
  readonly trigger: RotationTrigger;
  readonly at: number;
}

// imported key material
/** A wrapping key pair was handed out for an import (its private half lives in the keyring; no secret here). */
export interface ImportParametersIssued {
  readonly type: 'ImportParametersIssued';
  readonly keyId: string;
  readonly wrappingKeyId: string;
  readonly algorithm: WrappingAlgorithm;
  readonly expiresAt: number;
  readonly at: number;
}
/** A wrapping key was used or expired: the service erased its keyring entry. */
export interface ImportParametersSpent {
  readonly type: 'ImportParametersSpent';
  readonly keyId: string;
  readonly wrappingKeyId: string;
  readonly at: number;
}
/** The key becomes Enabled with exactly this one version (version 1). */
export interface KeyMaterialImported {
  readonly type: 'KeyMaterialImported';
  readonly keyId: string;
  readonly material: ImportedKeyMaterial;
  /** Keyed digest (hex) of the clear material; the first one binds the key forever. */
  readonly fingerprint: string;
  /** Material expiry; null = never. */
  readonly expiresAt: number | null;
  readonly wrappingKeyId: string;
  readonly at: number;
}
/** Material gone: back to PendingImport (a key pending deletion stays so, without material). */
export interface KeyMaterialDeleted {
  readonly type: 'KeyMaterialDeleted';
  readonly keyId: string;
  readonly reason: 'manual' | 'expired';
  readonly at: number;
}

// grants
export interface GrantCreated {
  readonly type: 'GrantCreated';
  readonly keyId: string;
  readonly grant: Grant;
  readonly at: number;
}
export interface GrantRevoked {
  readonly type: 'GrantRevoked';
  readonly keyId: string;
  readonly grantId: string;
  readonly at: number;
}
export interface GrantRetired {
  readonly type: 'GrantRetired';
  readonly keyId: string;
  readonly grantId: string;
  readonly at: number;
}

// tags: one event for add, update, delete and batch
export interface KeyTagsChanged {
  readonly type: 'KeyTagsChanged';
  readonly keyId: string;
  /** Tags added or given a new value. */
  readonly set: readonly KeyTag[];
  /** Tag keys removed. */
  readonly removed: readonly string[];
  /** Removed by the batch action (CTS names it apart: batchDeleteKeyTags). */
  readonly batch?: true;
  readonly at: number;
}

// enterprise project
export interface KeyEnterpriseProjectChanged {
  readonly type: 'KeyEnterpriseProjectChanged';
  readonly keyId: string;
  readonly enterpriseProjectId: string;
  readonly previousEnterpriseProjectId: string;
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
  | KeyDescriptionChanged
  | KeyRotationEnabled
  | KeyRotationDisabled
  | KeyRotationIntervalChanged
  | KeyRotated
  | GrantCreated
  | GrantRevoked
  | GrantRetired
  | KeyTagsChanged
  | KeyEnterpriseProjectChanged
  | ImportParametersIssued
  | ImportParametersSpent
  | KeyMaterialImported
  | KeyMaterialDeleted;

// ---- state ---------------------------------------------------------------------------------

export interface KeyVersion {
  readonly version: number;
  readonly wrapped: string;
  readonly publicKeyPem?: string;
  readonly createdAt: number;
  /** Keyring entry that sealed this version's material; absent = the key id itself. See materialOwner. */
  readonly owner?: string;
}

export interface IssuedWrappingKey {
  readonly wrappingKeyId: string;
  readonly expiresAt: number;
}

/** Import bookkeeping; for origin kms always INITIAL_IMPORTED. */
export interface ImportedState {
  /** Keyed digest (hex) of the FIRST material ever imported; null before any import. */
  readonly fingerprint: string | null;
  /** Expiry of the current material; null = never (or no material). */
  readonly expiresAt: number | null;
  /** Imports so far: names the next material's keyring entry. */
  readonly imports: number;
  /** Wrapping keys handed out and not yet spent. */
  readonly issuedWrappingKeys: readonly IssuedWrappingKey[];
}

export const INITIAL_IMPORTED: ImportedState = { fingerprint: null, expiresAt: null, imports: 0, issuedWrappingKeys: [] };

export const DAY_MS = 86_400_000;
/** Rotation period in days. */
export const ROTATION_INTERVAL_MIN = 30;
export const ROTATION_INTERVAL_MAX = 365;
export const ROTATION_INTERVAL_DEFAULT = 365;

export interface RotationState {
  /** Automatic rotation on (off by default). */
  readonly enabled: boolean;
  readonly intervalDays: number;
  /** Time of the last rotation (scheduled or on demand); null if never rotated. */
  readonly lastRotatedAt: number | null;
  /** Rotations so far, on-demand ones included. */
  readonly rotations: number;
  /** When the scheduler should rotate next; null while automatic rotation is off. */
  readonly nextRotationAt: number | null;
  /** When automatic rotation was last switched on; null while off. */
  readonly enabledAt: number | null;
}

export const INITIAL_ROTATION: RotationState = {
  enabled: false,
  intervalDays: ROTATION_INTERVAL_DEFAULT,
  lastRotatedAt: null,
  rotations: 0,
  nextRotationAt: null,
  enabledAt: null,
};

/** The operations a grant can allow (docs/authorization.md, "Grants"). */
export const GRANT_OPERATIONS = [
  'create-datakey',
  'create-datakey-without-plaintext',
  'encrypt-datakey',
  'decrypt-datakey',
  'describe-key',
  'create-grant',
  'retire-grant',
  'encrypt-data',
  'decrypt-data',
] as const;
export type GrantOperation = (typeof GRANT_OPERATIONS)[number];
export type GranteePrincipalType = 'user' | 'domain';

export interface Grant {
  /** 64 lowercase hex. */
  readonly grantId: string;
  readonly keyId: string;
  /** A user id (type user) or a domain id (type domain). */
  readonly granteePrincipal: string;
  readonly granteePrincipalType: GranteePrincipalType;
  readonly operations: readonly GrantOperation[];
  /** "" when not named. */
  readonly name: string;
  readonly retiringPrincipal: string | null;
  /** User id of the caller who created the grant. */
  readonly issuingPrincipal: string;
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
  /** Oldest first; empty while PendingImport. Encryption uses the last, decryption any. */
  readonly versions: readonly KeyVersion[];
  readonly rotation: RotationState;
  /** Creation order. */
  readonly grants: readonly Grant[];
  readonly imported: ImportedState;
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
  /** grantId → keyId, grants of live keys only. */
  readonly grantIndex: PersistentMap<string>;
}

export function initialKeyring(projectId: string): Keyring {
  return {
    projectId,
    keys: PersistentMap.empty(),
    aliasIndex: PersistentMap.empty(),
    userKeys: 0,
    grantIndex: PersistentMap.empty(),
  };
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
    rotation: k.rotation,
    grants: k.grants,
    imported: k.imported,
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
    case 'KeyRotationEnabled':
      return updateLive(state, event.keyId, (k) => ({
        ...k,
        rotation: {
          ...k.rotation,
          enabled: true,
          enabledAt: event.at,
          nextRotationAt: event.at + k.rotation.intervalDays * DAY_MS,
        },
      }));
    case 'KeyRotationDisabled':
      return updateLive(state, event.keyId, (k) => ({
        ...k,
        rotation: { ...k.rotation, enabled: false, enabledAt: null, nextRotationAt: null },
      }));
    case 'KeyRotationIntervalChanged':
      return updateLive(state, event.keyId, (k) => {
        const r = k.rotation;
        return {
          ...k,
          rotation: {
            ...r,
            intervalDays: event.intervalDays,
            nextRotationAt: r.enabled ? planBase(r, event.at) + event.intervalDays * DAY_MS : null,
          },
        };
      });
    case 'KeyRotated':
      return updateLive(state, event.keyId, (k) => ({
        ...k,
        versions: [...k.versions, { version: event.material.version, wrapped: event.material.wrapped, createdAt: event.at }],
        rotation: {
          ...k.rotation,
          lastRotatedAt: event.at,
          rotations: k.rotation.rotations + 1,
          nextRotationAt: k.rotation.enabled ? event.at + k.rotation.intervalDays * DAY_MS : null,
        },
      }));
    case 'GrantCreated': {
      const k = findKey(state, event.keyId);
      if (!k || state.grantIndex.has(event.grant.grantId)) return state;
      return {
        ...state,
        keys: state.keys.set(k.keyId, { ...k, grants: [...k.grants, event.grant] }),
        grantIndex: state.grantIndex.set(event.grant.grantId, k.keyId),
      };
    }
    case 'GrantRevoked':
    case 'GrantRetired': {
      const k = findKey(state, event.keyId);
      if (!k || state.grantIndex.get(event.grantId) !== k.keyId) return state;
      return {
        ...state,
        keys: state.keys.set(k.keyId, { ...k, grants: k.grants.filter((g) => g.grantId !== event.grantId) }),
        grantIndex: state.grantIndex.delete(event.grantId),
      };
    }
    case 'KeyTagsChanged':
      return updateLive(state, event.keyId, (k) => ({ ...k, tags: applyTagChange(k.tags, event.set, event.removed) }));
    case 'KeyEnterpriseProjectChanged':
      return updateLive(state, event.keyId, (k) => ({ ...k, enterpriseProjectId: event.enterpriseProjectId }));
    case 'ImportParametersIssued':
      return updateLive(state, event.keyId, (k) => {
        const issued = k.imported.issuedWrappingKeys;
        if (issued.some((w) => w.wrappingKeyId === event.wrappingKeyId)) return k;
        return {
          ...k,
          imported: {
            ...k.imported,
            issuedWrappingKeys: [...issued, { wrappingKeyId: event.wrappingKeyId, expiresAt: event.expiresAt }],
          },
        };
      });
    case 'ImportParametersSpent':
      return updateLive(state, event.keyId, (k) => ({
        ...k,
        imported: {
          ...k.imported,
          issuedWrappingKeys: k.imported.issuedWrappingKeys.filter((w) => w.wrappingKeyId !== event.wrappingKeyId),
        },
      }));
    case 'KeyMaterialImported':
      return updateLive(state, event.keyId, (k) => {
        const m = event.material;
        const version: KeyVersion =
          m.publicKeyPem === undefined
            ? { version: m.version, wrapped: m.wrapped, createdAt: event.at, owner: m.owner }
            : { version: m.version, wrapped: m.wrapped, publicKeyPem: m.publicKeyPem, createdAt: event.at, owner: m.owner };
        return {
          ...common(k),
          status: 'Enabled',
          versions: [version],
          imported: {
            ...k.imported,
            fingerprint: k.imported.fingerprint ?? event.fingerprint,
            expiresAt: event.expiresAt,
            imports: k.imported.imports + 1,
          },
        };
      });
    case 'KeyMaterialDeleted':
      return updateLive(state, event.keyId, (k) => {
        const base: CmkCommon = { ...common(k), versions: [], imported: { ...k.imported, expiresAt: null } };
        // A key pending deletion stays so; cancelling then returns it to PendingImport.
        return k.status === 'PendingDeletion'
          ? { ...k, ...base, status: 'PendingDeletion', hadMaterial: false }
          : { ...base, status: 'PendingImport' };
      });
    default:
      return assertNever(event);
  }
}

/**
 * Re-enable rule: a key that comes back overdue by at least one full period is due at
 * once (the scheduler serves it within 24 h); otherwise it keeps its plan.
 */
function rotationOnReEnable(r: RotationState, at: number): RotationState {
  if (!r.enabled || r.nextRotationAt === null) return r;
  return at >= r.nextRotationAt + r.intervalDays * DAY_MS ? { ...r, nextRotationAt: at } : r;
}

/** What the rotation plan counts from: the later of the last rotation and switching rotation on. */
function planBase(r: RotationState, fallback: number): number {
  const enabledAt = r.enabledAt ?? fallback;
  return r.lastRotatedAt === null ? enabledAt : Math.max(r.lastRotatedAt, enabledAt);
}

/** Removed keys go; set tags update in place (one value per key) or are appended, in order. */
function applyTagChange(tags: readonly KeyTag[], set: readonly KeyTag[], removed: readonly string[]): readonly KeyTag[] {
  const gone = new Set(removed);
  const out = tags.filter((t) => !gone.has(t.key));
  for (const t of set) {
    const i = out.findIndex((o) => o.key === t.key);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
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
