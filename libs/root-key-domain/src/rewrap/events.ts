import type { Instant } from '@dew/decider';
import type { RootKeyHolder } from '../state/holders.js';

/** A holder re-wrapped every blob it keeps to `version` (counts only, never a blob). */
export interface RootKeyRewrapCompleted {
  readonly type: 'RootKeyRewrapCompleted';
  readonly holder: RootKeyHolder;
  readonly version: number;
  readonly rewrapped: number;
  readonly at: Instant;
}

/** No blob references the version any more; its key is destroyed. */
export interface RootKeyVersionRetired {
  readonly type: 'RootKeyVersionRetired';
  readonly version: number;
  readonly at: Instant;
}

export type RootKeyRewrapEvent = RootKeyRewrapCompleted | RootKeyVersionRetired;
