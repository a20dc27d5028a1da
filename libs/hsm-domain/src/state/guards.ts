import { HsmInstanceNotFound, HsmStatusForbids } from '@dew/contracts';
import type { HsmInstance, HsmSet, HsmStatus } from './hsm-set.js';
import { findInstance } from './queries.js';

export function requireInstance(state: HsmSet, instanceId: string): HsmInstance {
  const instance = findInstance(state, instanceId);
  if (!instance) throw HsmInstanceNotFound(instanceId);
  return instance;
}

/** The instance, if `step` may run in its status. */
export function requireStatus(state: HsmSet, instanceId: string, step: string, allowed: readonly HsmStatus[]): HsmInstance {
  const instance = requireInstance(state, instanceId);
  if (!allowed.includes(instance.status)) throw HsmStatusForbids(instance.id, step, instance.status, allowed);
  return instance;
}
