import type { Instant } from '@dew/decider';
import type { RootKeyProviderKind } from '../state/ring.js';

/** `dew root-key rotate` created the key of a new version; holders switch wrapping to it. */
export interface RootKeyVersionCreated {
  readonly type: 'RootKeyVersionCreated';
  readonly version: number;
  readonly provider: RootKeyProviderKind;
  readonly at: Instant;
  /** Who started the rotation (the operator's user name, or `dew root-key rotate`). */
  readonly by: string;
}

export type RootKeyRotationEvent = RootKeyVersionCreated;
