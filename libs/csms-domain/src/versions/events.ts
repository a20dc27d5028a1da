import type { Instant } from '@dew/decider';
import type { EncryptedValue } from '../state/secret-set.js';

/** Events of a secret's versions and stages. */

export interface SecretVersionAdded {
  readonly type: 'SecretVersionAdded';
  readonly secretId: string;
  readonly versionId: string;
  readonly value: EncryptedValue;
  /** Put on the new version; SYSCURRENT among them leaves SYSPREVIOUS on its former holder. */
  readonly stages: readonly string[];
  readonly expireTime: Instant | null;
  /** The oldest version with no stage, removed because 20 versions existed. */
  readonly removedVersionId: string | null;
  readonly at: Instant;
}
export interface VersionStageMoved {
  readonly type: 'VersionStageMoved';
  readonly secretId: string;
  readonly stage: string;
  readonly versionId: string;
  /** Former holder; for SYSCURRENT it gets SYSPREVIOUS. */
  readonly previousVersionId: string | null;
  readonly at: Instant;
}
export interface SecretStageDeleted {
  readonly type: 'SecretStageDeleted';
  readonly secretId: string;
  readonly stage: string;
  readonly at: Instant;
}
export interface SecretVersionExpiryChanged {
  readonly type: 'SecretVersionExpiryChanged';
  readonly secretId: string;
  readonly versionId: string;
  readonly expireTime: Instant | null;
  readonly at: Instant;
}

export type VersionEvent = SecretVersionAdded | VersionStageMoved | SecretStageDeleted | SecretVersionExpiryChanged;
