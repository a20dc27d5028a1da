import type { Decider } from '@dew/decider';
import { assertNever } from '@dew/decider';
import { decideBilling, type HsmBillingCommand } from './billing/decide.js';
import type { HsmBillingEvent } from './billing/events.js';
import { evolveBilling } from './billing/evolve.js';
import { decideInstances, type HsmInstanceCommand } from './instances/decide.js';
import type { HsmInstanceEvent } from './instances/events.js';
import { evolveInstances } from './instances/evolve.js';
import { initialHsmSet, type HsmSet } from './state/hsm-set.js';
import { decideUkey, type HsmUkeyCommand } from './ukey/decide.js';
import type { HsmUkeyEvent } from './ukey/events.js';
import { evolveUkey } from './ukey/evolve.js';

/** The project's instance set (docs/hsm.md): its features composed. */

export type HsmSetEvent = HsmInstanceEvent | HsmBillingEvent | HsmUkeyEvent;
export type HsmSetCommand = HsmInstanceCommand | HsmBillingCommand | HsmUkeyCommand;

export function evolve(state: HsmSet, event: HsmSetEvent): HsmSet {
  switch (event.type) {
    case 'HsmInstanceCreated':
    case 'HsmInstallCompleted':
    case 'HsmActivated':
    case 'HsmNodesAllocated':
    case 'HsmCreationFailed':
    case 'HsmDeleted':
      return evolveInstances(state, event);
    case 'HsmFrozen':
    case 'HsmRenewed':
      return evolveBilling(state, event);
    case 'HsmUkeyDownloaded':
      return evolveUkey(state, event);
    default:
      return assertNever(event);
  }
}

export function decide(state: HsmSet, command: HsmSetCommand): readonly HsmSetEvent[] {
  switch (command.type) {
    case 'CreateHsmInstance':
    case 'CompleteHsmInstall':
    case 'ActivateHsmInstance':
    case 'AllocateHsmNodes':
    case 'FailHsmCreation':
    case 'DeleteHsmInstance':
      return decideInstances(state, command);
    case 'ExpireHsmInstance':
    case 'RenewHsmInstance':
      return decideBilling(state, command);
    case 'DownloadHsmUkey':
      return decideUkey(state, command);
    default:
      return assertNever(command);
  }
}

/** The subject names the project, so a store starts each set from `initialHsmSet(projectId)`. */
export const hsmSetDecider: Decider<HsmSetCommand, HsmSetEvent, HsmSet> = {
  initialState: initialHsmSet(''),
  evolve,
  decide,
};
