import { assertNever } from '@dew/decider';
import { changeInstance, type HsmSet } from '../state/hsm-set.js';
import type { HsmBillingEvent } from './events.js';

export function evolveBilling(state: HsmSet, event: HsmBillingEvent): HsmSet {
  switch (event.type) {
    case 'HsmFrozen':
      return changeInstance(state, event.instanceId, (i) => ({ ...i, status: 'Frozen', updatedAt: event.at }));
    case 'HsmRenewed':
      return changeInstance(state, event.instanceId, (i) => ({ ...i, status: 'Running', expiresAt: event.expiresAt, updatedAt: event.at }));
    default:
      return assertNever(event);
  }
}
