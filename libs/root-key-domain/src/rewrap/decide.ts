import type { Instant } from '@dew/decider';
import { isRootKeyHolder, ROOT_KEY_HOLDERS } from '../state/holders.js';
import { RootKeyRefusal } from '../state/refusals.js';
import { liveVersions, pendingHolders, type RootKeyRing } from '../state/ring.js';
import type { RootKeyRewrapEvent } from './events.js';
import { evolveRewrap } from './evolve.js';

export interface CompleteRootKeyRewrap {
  readonly type: 'CompleteRootKeyRewrap';
  readonly holder: string;
  readonly version: number;
  readonly rewrapped: number;
  readonly now: Instant;
}

export type RootKeyRewrapCommand = CompleteRootKeyRewrap;

/**
 * A holder's report for the current version. The report that completes the set also retires every
 * older live version: no holder keeps a blob that names one. A repeated report changes nothing.
 */
export function decideRewrap(ring: RootKeyRing, c: RootKeyRewrapCommand): readonly RootKeyRewrapEvent[] {
  if (!isRootKeyHolder(c.holder)) throw RootKeyRefusal.unknownHolder(c.holder, ROOT_KEY_HOLDERS);
  if (c.version !== ring.current) throw RootKeyRefusal.versionNotCurrent(ring.current, c.version);
  if (ring.rewrapped[c.holder] >= c.version) return [];
  const completed: RootKeyRewrapEvent = { type: 'RootKeyRewrapCompleted', holder: c.holder, version: c.version, rewrapped: c.rewrapped, at: c.now };
  const after = evolveRewrap(ring, completed);
  if (pendingHolders(after).length > 0) return [completed];
  return [completed, ...liveVersions(after).filter((v) => v < after.current).map((version): RootKeyRewrapEvent => ({ type: 'RootKeyVersionRetired', version, at: c.now }))];
}
