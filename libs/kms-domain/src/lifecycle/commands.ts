import type { Instant } from '@dew/decider';
import type { KeyTagInput } from '../rules.js';
import type { KeyMaterial } from '../state/keyring.state.js';

// Wire-shaped fields (keySpec, keyUsage, origin) are strings: decide parses and refuses them.

export interface CreateKey {
  readonly type: 'CreateKey';
  readonly keyId: string;
  readonly domainId: string;
  readonly alias: string;
  readonly description?: string;
  readonly keySpec?: string;
  readonly keyUsage?: string;
  readonly origin?: string;
  readonly enterpriseProjectId?: string;
  readonly tags?: readonly KeyTagInput[];
  /** The key store whose HSM instance generates and holds the material (create-key's `keystore_id`). */
  readonly keystoreId?: string;
  /** User keys the project may hold: a setting of the service, handed in as data. */
  readonly userKeyQuota: number;
  readonly now: Instant;
  /** Required for origin kms (version 1), null for origin external. */
  readonly material: KeyMaterial | null;
}
export interface EnsureDefaultKey {
  readonly type: 'EnsureDefaultKey';
  readonly keyId: string;
  readonly domainId: string;
  /** e.g. `csms` → alias `csms/default`. */
  readonly service: string;
  readonly now: Instant;
  readonly material: KeyMaterial;
}
export interface EnableKey {
  readonly type: 'EnableKey';
  readonly keyId: string;
  readonly now: Instant;
}
export interface DisableKey {
  readonly type: 'DisableKey';
  readonly keyId: string;
  readonly now: Instant;
}
export interface ScheduleKeyDeletion {
  readonly type: 'ScheduleKeyDeletion';
  readonly keyId: string;
  readonly pendingDays: number;
  readonly now: Instant;
}
export interface CancelKeyDeletion {
  readonly type: 'CancelKeyDeletion';
  readonly keyId: string;
  readonly now: Instant;
}
/** Issued by the deletion executor when a key's pending period may have ended. */
export interface DestroyKey {
  readonly type: 'DestroyKey';
  readonly keyId: string;
  readonly now: Instant;
}
export interface UpdateKeyAlias {
  readonly type: 'UpdateKeyAlias';
  readonly keyId: string;
  readonly alias: string;
  readonly now: Instant;
}
export interface UpdateKeyDescription {
  readonly type: 'UpdateKeyDescription';
  readonly keyId: string;
  readonly description: string;
  readonly now: Instant;
}
/** update-key-enterprise-project, a DEW extension (docs/api-decisions.md, "Extensions"). */
export interface MoveKeyToEnterpriseProject {
  readonly type: 'MoveKeyToEnterpriseProject';
  readonly keyId: string;
  readonly enterpriseProjectId: string;
  readonly now: Instant;
}

export type LifecycleCommand =
  | CreateKey
  | EnsureDefaultKey
  | EnableKey
  | DisableKey
  | ScheduleKeyDeletion
  | CancelKeyDeletion
  | DestroyKey
  | UpdateKeyAlias
  | UpdateKeyDescription
  | MoveKeyToEnterpriseProject;
