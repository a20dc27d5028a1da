import type { RootKeyRing } from '../state/ring.js';
import type { RootKeyRotationEvent } from './events.js';

export function evolveRotation(ring: RootKeyRing, e: RootKeyRotationEvent): RootKeyRing {
  return { ...ring, current: e.version, versions: { ...ring.versions, [e.version]: { version: e.version, provider: e.provider, createdAt: e.at } } };
}
