import type { Instant } from '@dew/decider';
import type { KeyTag } from '../rules.js';

/** One event for add, update, delete and batch. */
export interface KeyTagsChanged {
  readonly type: 'KeyTagsChanged';
  readonly keyId: string;
  /** Tags added or given a new value. */
  readonly set: readonly KeyTag[];
  /** Tag keys removed. */
  readonly removed: readonly string[];
  /** Removed by the batch action (CTS names it apart: batchDeleteKeyTags). */
  readonly batch?: true;
  readonly at: Instant;
}

export type TagEvent = KeyTagsChanged;
