import type { Instant } from '@dew/decider';
import type { KeySpec, KeyUsage } from '../key-specs.js';
import type { KeyTag } from '../rules.js';
import { PersistentMap } from '@dew/decider';
import type { KeyPolicy } from '../key-policies/document.js';

/**
 * The project's keyring: every CMK of one project, one event subject
 * (`evt.kms.<projectId>.keyring`), so alias uniqueness and the 50-key quota are guarded by one
 * expected-sequence append (docs/architecture.md, "Event sourcing on JetStream").
 * This module holds the state only and imports no feature: features import it.
 */

export type KeyOrigin = 'kms' | 'external';

/** Material as it travels in events: wrapped by the owner's keyring key, opaque here. */
export interface KeyMaterial {
  readonly version: number;
  /** base64 of the wrapped material; never clear key bytes. Empty for a key-store key (its material stays in the HSM). */
  readonly wrapped: string;
  readonly publicKeyPem?: string;
  /** A key-store key's handle in its HSM instance (docs/api-decisions.md, "Key stores"). */
  readonly hsmKeyId?: string;
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

export interface KeyVersion {
  readonly version: number;
  readonly wrapped: string;
  readonly publicKeyPem?: string;
  readonly createdAt: Instant;
  /** Keyring entry that sealed this version's material; absent = the key id itself. See materialOwner. */
  readonly owner?: string;
  /** A key-store key's handle in its HSM instance; `wrapped` is then empty. */
  readonly hsmKeyId?: string;
}

export interface IssuedWrappingKey {
  readonly wrappingKeyId: string;
  readonly expiresAt: Instant;
}

/** Import bookkeeping; for origin kms always INITIAL_IMPORTED. */
export interface ImportedState {
  /** Keyed digest (hex) of the FIRST material ever imported; null before any import. */
  readonly fingerprint: string | null;
  /** Expiry of the current material; null = never (or no material). */
  readonly expiresAt: Instant | null;
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

export type RotationTrigger = 'scheduled' | 'on-demand';

export interface RotationState {
  /** Automatic rotation on (off by default). */
  readonly enabled: boolean;
  readonly intervalDays: number;
  /** Time of the last rotation (scheduled or on demand); null if never rotated. */
  readonly lastRotatedAt: Instant | null;
  /** Rotations so far, on-demand ones included. */
  readonly rotations: number;
  /** When the scheduler should rotate next; null while automatic rotation is off. */
  readonly nextRotationAt: Instant | null;
  /** When automatic rotation was last switched on; null while off. */
  readonly enabledAt: Instant | null;
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
  // DEW extension (docs/api-decisions.md, "Data key pairs and shared secrets").
  'create-rsa-datakey-pair',
  'create-ec-datakey-pair',
  'derive-shared-secret',
  'generate-mac',
  'verify-mac',
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
  readonly createdAt: Instant;
}

/** What a key is made with: the fields of create-key, as KeyCreated carries them and the key keeps them. */
export interface KeyDefinition {
  readonly keyId: string;
  readonly domainId: string;
  readonly alias: string;
  readonly description: string;
  readonly keySpec: KeySpec;
  readonly keyUsage: KeyUsage;
  readonly origin: KeyOrigin;
  readonly enterpriseProjectId: string;
  readonly tags: readonly KeyTag[];
  /** The key store whose HSM instance holds the material; absent = KMS's own keyring. */
  readonly keystoreId?: string;
}

export interface CmkCommon extends KeyDefinition {
  readonly isDefault: boolean;
  readonly createdAt: Instant;
  /** Oldest first; empty while PendingImport. Encryption uses the last, decryption any. */
  readonly versions: readonly KeyVersion[];
  readonly rotation: RotationState;
  /** Creation order. */
  readonly grants: readonly Grant[];
  readonly imported: ImportedState;
  /** The key's resource policy (docs/authorization.md, "Key policies"); absent = none. */
  readonly policy?: KeyPolicy;
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
  readonly scheduledAt: Instant;
  readonly deleteAt: Instant;
  /** False when scheduled from PendingImport: cancelling then returns it to PendingImport. */
  readonly hadMaterial: boolean;
}
/** A tombstone: material and metadata are gone, the id stays so late commands answer KMS.0207. */
export interface DestroyedCmk {
  readonly status: 'Destroyed';
  readonly keyId: string;
  readonly alias: string;
  readonly destroyedAt: Instant;
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
  /**
   * Huawei's v2 key aliases (create-alias, …): alias → entry, live keys only. They live in the
   * keyring so one expected-sequence append guards their uniqueness in the project.
   */
  readonly keyAliases: PersistentMap<KeyAliasEntry>;
  /** keystoreId → key store, deleted ones included as tombstones (docs/api-decisions.md, "Key stores"). */
  readonly keyStores: PersistentMap<KeyStore>;
}

export type KeyStoreState = 'ENABLED' | 'DISABLED';

/** KMS's access to the instance: certificate and CA in clear, the private key sealed by the keyring entry named by the store's id. */
export interface KeyStoreAccess {
  readonly certificatePem: string;
  readonly caCertPem: string;
  /** base64 of the private key PEM sealed under the keyring entry `keystoreId`, version 1; never clear. */
  readonly sealedPrivateKey: string;
}

/** What a key store is made with: the fields of create-key-store and KMS's access, as KeyStoreCreated carries them. */
export interface KeyStoreDefinition {
  readonly keystoreId: string;
  readonly domainId: string;
  readonly alias: string;
  readonly hsmClusterId: string;
  readonly hsmCaCertPem: string;
  readonly access: KeyStoreAccess;
}

/** A dedicated key store: KMS bound to one Dedicated HSM instance of the project. */
export interface KeyStore extends KeyStoreDefinition {
  readonly state: KeyStoreState;
  readonly createdAt: Instant;
  /** A deleted store stays as a tombstone: its keys pending deletion still reach their HSM keys. */
  readonly deleted: boolean;
}

/** One v2 alias: a name of exactly one key of the project (docs/api-decisions.md, "Aliases"). */
export interface KeyAliasEntry {
  readonly alias: string;
  readonly keyId: string;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

export function initialKeyring(projectId: string): Keyring {
  return {
    projectId,
    keys: PersistentMap.empty(),
    aliasIndex: PersistentMap.empty(),
    userKeys: 0,
    grantIndex: PersistentMap.empty(),
    keyAliases: PersistentMap.empty(),
    keyStores: PersistentMap.empty(),
  };
}

/** The fields every live status shares: what a status change carries over. */
export function common(k: LiveCmk): CmkCommon {
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
    ...(k.keystoreId !== undefined ? { keystoreId: k.keystoreId } : {}),
    isDefault: k.isDefault,
    createdAt: k.createdAt,
    versions: k.versions,
    rotation: k.rotation,
    grants: k.grants,
    imported: k.imported,
  };
}
