import type { Instant } from '@dew/decider';
import type { EncryptedValue, SecretTag, Version } from '../state/secret-set.js';
import type { Stages } from '../state/stages.js';

/** Events of a secret's life: created or restored, updated, scheduled for deletion, deleted. */

export interface SecretCreated {
  readonly type: 'SecretCreated';
  readonly secretId: string;
  readonly name: string;
  readonly description: string;
  readonly kmsKeyId: string;
  readonly secretType: string;
  readonly at: Instant;
  /** Staged SYSCURRENT. */
  readonly firstVersion: { readonly versionId: 'v1'; readonly value: EncryptedValue; readonly expireTime: Instant | null };
}
export interface SecretUpdated {
  readonly type: 'SecretUpdated';
  readonly secretId: string;
  readonly kmsKeyId?: string;
  readonly description?: string;
  readonly at: Instant;
}
export interface SecretDeletionScheduled {
  readonly type: 'SecretDeletionScheduled';
  readonly secretId: string;
  readonly deleteAt: Instant;
  readonly at: Instant;
}
export interface SecretDeletionCancelled {
  readonly type: 'SecretDeletionCancelled';
  readonly secretId: string;
  readonly at: Instant;
}
/** Deleted now or at the deadline: name and quota slot are freed. */
export interface SecretDeleted {
  readonly type: 'SecretDeleted';
  readonly secretId: string;
  readonly at: Instant;
}
/** Recreated from a backup. */
export interface SecretRestored {
  readonly type: 'SecretRestored';
  readonly secretId: string;
  readonly name: string;
  readonly description: string;
  readonly kmsKeyId: string;
  readonly secretType: string;
  readonly versions: readonly Version[];
  readonly stages: Stages;
  readonly tags: readonly SecretTag[];
  readonly at: Instant;
}

export type SecretLifecycleEvent =
  | SecretCreated
  | SecretUpdated
  | SecretDeletionScheduled
  | SecretDeletionCancelled
  | SecretDeleted
  | SecretRestored;
