import type { Instant } from '@dew/decider';
import type { KeyDefinition, KeyMaterial } from '../state/keyring.state.js';

export interface KeyCreated extends KeyDefinition {
  readonly type: 'KeyCreated';
  readonly isDefault: boolean;
  readonly at: Instant;
  /** null for origin external: the key waits in PendingImport. */
  readonly material: KeyMaterial | null;
}
export interface KeyEnabled {
  readonly type: 'KeyEnabled';
  readonly keyId: string;
  readonly at: Instant;
}
export interface KeyDisabled {
  readonly type: 'KeyDisabled';
  readonly keyId: string;
  readonly at: Instant;
}
export interface KeyDeletionScheduled {
  readonly type: 'KeyDeletionScheduled';
  readonly keyId: string;
  readonly pendingDays: number;
  readonly deleteAt: Instant;
  readonly at: Instant;
}
export interface KeyDeletionCancelled {
  readonly type: 'KeyDeletionCancelled';
  readonly keyId: string;
  readonly restoredTo: 'Disabled' | 'PendingImport';
  readonly at: Instant;
}
export interface KeyDestroyed {
  readonly type: 'KeyDestroyed';
  readonly keyId: string;
  readonly at: Instant;
}
export interface KeyAliasChanged {
  readonly type: 'KeyAliasChanged';
  readonly keyId: string;
  readonly alias: string;
  readonly previousAlias: string;
  readonly at: Instant;
}
export interface KeyDescriptionChanged {
  readonly type: 'KeyDescriptionChanged';
  readonly keyId: string;
  readonly description: string;
  readonly at: Instant;
}
export interface KeyEnterpriseProjectChanged {
  readonly type: 'KeyEnterpriseProjectChanged';
  readonly keyId: string;
  readonly enterpriseProjectId: string;
  readonly previousEnterpriseProjectId: string;
  readonly at: Instant;
}

export type LifecycleEvent =
  | KeyCreated
  | KeyEnabled
  | KeyDisabled
  | KeyDeletionScheduled
  | KeyDeletionCancelled
  | KeyDestroyed
  | KeyAliasChanged
  | KeyDescriptionChanged
  | KeyEnterpriseProjectChanged;
