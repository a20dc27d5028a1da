import { assertNever } from '@dew/decider';
import { changeInstance, type HsmSet } from '../state/hsm-set.js';
import type { HsmUkeyEvent } from './events.js';

export function evolveUkey(state: HsmSet, event: HsmUkeyEvent): HsmSet {
  switch (event.type) {
    case 'HsmUkeyDownloaded':
      return changeInstance(state, event.instanceId, (i) => (i.ukey ? { ...i, ukey: { ...i.ukey, downloadedAt: event.at }, updatedAt: event.at } : i));
    default:
      return assertNever(event.type);
  }
}
