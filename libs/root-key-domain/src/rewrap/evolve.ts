import { assertNever } from '@dew/decider';
import { pendingHolders, type RootKeyRing } from '../state/ring.js';
import type { RootKeyRewrapEvent } from './events.js';

export function evolveRewrap(ring: RootKeyRing, e: RootKeyRewrapEvent): RootKeyRing {
  switch (e.type) {
    case 'RootKeyRewrapCompleted':
      return { ...ring, rewrapped: { ...ring.rewrapped, [e.holder]: Math.max(ring.rewrapped[e.holder], e.version) } };
    case 'RootKeyVersionRetired': {
      // Only the report that completes the set retires (decideRewrap), and never the version that
      // wraps: any other retirement on the ring (a forged or buggy append) is not honoured.
      if (e.version >= ring.current || pendingHolders(ring).length > 0) return ring;
      const known = ring.versions[e.version] ?? { version: e.version };
      return { ...ring, versions: { ...ring.versions, [e.version]: { ...known, retiredAt: e.at } } };
    }
    default:
      return assertNever(e);
  }
}
