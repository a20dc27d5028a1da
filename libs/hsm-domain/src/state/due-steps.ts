import type { Instant } from '@dew/decider';
import type { CompleteHsmInstall, AllocateHsmNodes } from '../instances/decide.js';
import { CREATION_MS } from '../instances/decide.js';
import type { ExpireHsmInstance } from '../billing/decide.js';
import type { HsmSet } from './hsm-set.js';
import { instancesInOrder } from './queries.js';

export type HsmScheduledCommand = CompleteHsmInstall | AllocateHsmNodes | ExpireHsmInstance;

/** The scheduler's work at `now`: installs done, creations due, periods ended. */
export function dueSteps(state: HsmSet, now: Instant): HsmScheduledCommand[] {
  const steps: HsmScheduledCommand[] = [];
  for (const instance of instancesInOrder(state)) {
    const instanceId = instance.id;
    if (instance.status === 'Installing' && now >= instance.installDueAt) steps.push({ type: 'CompleteHsmInstall', instanceId, now });
    if (instance.status === 'Creating' && instance.activation && now >= instance.activation.activatedAt + CREATION_MS) steps.push({ type: 'AllocateHsmNodes', instanceId, now });
    if (instance.status === 'Running' && instance.expiresAt !== null && now >= instance.expiresAt) steps.push({ type: 'ExpireHsmInstance', instanceId, now });
  }
  return steps;
}
