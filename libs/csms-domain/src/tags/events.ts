import type { Instant } from '@dew/decider';
import type { SecretTag } from '../state/secret-set.js';

export interface SecretTagsChanged {
  readonly type: 'SecretTagsChanged';
  readonly secretId: string;
  /** Tags added or given a new value. */
  readonly set: readonly SecretTag[];
  /** Tag keys removed. */
  readonly removed: readonly string[];
  readonly at: Instant;
}

export type SecretTagEvent = SecretTagsChanged;
