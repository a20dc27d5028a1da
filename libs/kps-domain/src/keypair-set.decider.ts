import type { Decider } from '@dew/decider';
import { assertNever } from '@dew/decider';
import { decideKeypairs, type KeypairCommand } from './keypairs/decide.js';
import type { KeypairEvent } from './keypairs/events.js';
import { evolveKeypairs } from './keypairs/evolve.js';
import { decideServers, type ServerCommand } from './servers/decide.js';
import type { ServerEvent } from './servers/events.js';
import { evolveServers } from './servers/evolve.js';
import { initialKeypairSet, type KeypairSet } from './state/keypair-set.js';
import { decideTasks, type TaskCommand } from './tasks/decide.js';
import type { TaskEvent } from './tasks/events.js';
import { evolveTasks } from './tasks/evolve.js';

/** The key-pair set aggregate (docs/architecture.md, "Domain code"): its features composed. */

export type KeypairSetEvent = KeypairEvent | ServerEvent | TaskEvent;
export type KeypairSetCommand = KeypairCommand | ServerCommand | TaskCommand;

/** Applies one event by handing it to the feature that owns its type. */
export function evolve(state: KeypairSet, event: KeypairSetEvent): KeypairSet {
  switch (event.type) {
    case 'KeypairCreated':
    case 'KeypairImported':
    case 'KeypairDescriptionUpdated':
    case 'KeypairScopeUpgraded':
    case 'PrivateKeyImported':
    case 'PrivateKeyCleared':
    case 'KeypairDeleted':
      return evolveKeypairs(state, event);
    case 'ServerRegistered':
    case 'ServerChanged':
    case 'ServerRemoved':
    case 'ServerHostKeyPinned':
      return evolveServers(state, event);
    case 'BindTaskStarted':
    case 'UnbindTaskStarted':
    case 'BindTaskRunning':
    case 'KeypairBound':
    case 'KeypairUnbound':
    case 'BindTaskFailed':
    case 'FailedTaskDeleted':
    case 'FailedTasksDeleted':
      return evolveTasks(state, event);
    default:
      return assertNever(event);
  }
}

/** Decides one command by handing it to the feature that owns its type. */
export function decide(state: KeypairSet, command: KeypairSetCommand): readonly KeypairSetEvent[] {
  switch (command.type) {
    case 'CreateKeypair':
    case 'UpdateKeypair':
    case 'UpdateKeypairDescription':
    case 'UpgradeKeypairScope':
    case 'ImportPrivateKey':
    case 'ClearPrivateKey':
    case 'DeleteKeypair':
      return decideKeypairs(state, command);
    case 'RegisterServer':
    case 'ChangeServer':
    case 'RemoveServer':
    case 'PinHostKey':
      return decideServers(state, command);
    case 'StartBindTask':
    case 'StartUnbindTask':
    case 'RunReadyTask':
    case 'CompleteTask':
    case 'FailTask':
    case 'InterruptRunnerTasks':
    case 'InterruptOverdueTasks':
    case 'DeleteFailedTask':
    case 'DeleteFailedTasks':
      return decideTasks(state, command);
    default:
      return assertNever(command);
  }
}

/**
 * The subject names the account, so a store starts each set from `initialKeypairSet(domainId)`;
 * this value's initial state belongs to no account, and decides and evolves the same way.
 */
export const keypairSetDecider: Decider<KeypairSetCommand, KeypairSetEvent, KeypairSet> = {
  initialState: initialKeypairSet(''),
  evolve,
  decide,
};
