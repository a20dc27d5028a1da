import type { Instant } from '@dew/decider';
import { RootKeyRefusal } from '../state/refusals.js';
import { liveVersions, rotationInProgress, type RootKeyProviderKind, type RootKeyRing } from '../state/ring.js';
import type { RootKeyRotationEvent } from './events.js';

export interface CreateRootKeyVersion {
  readonly type: 'CreateRootKeyVersion';
  readonly version: number;
  readonly provider: RootKeyProviderKind;
  readonly by: string;
  readonly now: Instant;
}

export type RootKeyRotationCommand = CreateRootKeyVersion;

/** A new version is the next number, and only once every older version has retired. */
export function decideRotation(ring: RootKeyRing, c: RootKeyRotationCommand): readonly RootKeyRotationEvent[] {
  if (rotationInProgress(ring)) throw RootKeyRefusal.rotationInProgress(liveVersions(ring));
  if (c.version !== ring.current + 1) throw RootKeyRefusal.versionOutOfOrder(ring.current + 1, c.version);
  return [{ type: 'RootKeyVersionCreated', version: c.version, provider: c.provider, at: c.now, by: c.by }];
}
